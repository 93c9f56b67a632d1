/** A script of the site (the chart library, the Excel writer), loaded only when a page first needs it. */
/** Loads a script of the site once; resolves when it has run. */
const scripts = new Map<string, Promise<void>>();
export function loadScript(src: string): Promise<void> {
  let p = scripts.get(src);
  if (!p) {
    p = new Promise<void>((resolve, reject) => {
      const s = document.createElement('script');
      s.src = src;
      s.onload = () => resolve();
      s.onerror = () => {
        scripts.delete(src);
        s.remove();
        reject(new Error(`${src} did not load`));
      };
      document.head.append(s);
    });
    scripts.set(src, p);
  }
  return p;
}
