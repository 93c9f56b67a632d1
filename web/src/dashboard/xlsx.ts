/**
 * The dashboard's Excel export, in a bundle of its own (dashboard-xlsx.js) that the page loads only when someone
 * asks for a download: a village link should not pay for a spreadsheet writer it may never use.
 */
import writeXlsxFile from 'write-excel-file/browser';

export type XlsxCell = string | number | null | { value: number; format: string };

export interface XlsxSheet {
  fileName: string;
  sheet: string;
  rows: XlsxCell[][];
  widths: number[];
}

async function save({ fileName, sheet, rows, widths }: XlsxSheet): Promise<void> {
  const data = rows.map((r, i) =>
    r.map((c) => {
      if (c === null) return null;
      if (typeof c === 'object') return { value: c.value, type: Number, format: c.format };
      return i === 0 ? { value: c, fontWeight: 'bold' as const } : { value: c };
    }),
  );
  // Excel allows 31 characters in a sheet name, and none of : \ / ? * [ ].
  await writeXlsxFile(data as never, { sheet: sheet.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31), columns: widths.map((width) => ({ width })), stickyRowsCount: 1 }).toFile(fileName);
}

(window as unknown as { scfXlsx: { save: typeof save } }).scfXlsx = { save };
