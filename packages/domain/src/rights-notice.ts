/**
 * R11: a refusal must tell the applicant how to challenge it. The periods are statutory:
 * 60 days for administrative review (行政复议法 art. 20) and six months for litigation
 * (行政诉讼法 art. 46), both from receipt of the decision.
 */
export interface RightsNoticeOptions {
  /** e.g. 宁武县人民政府; omitted, the notice says 依法 without naming a body. */
  reviewAuthority?: string;
  /** e.g. 宁武县人民法院. */
  court?: string;
}

export function reviewAndLitigationNotice(options: RightsNoticeOptions = {}): string {
  const review = options.reviewAuthority?.trim() ? `向${options.reviewAuthority.trim()}` : '依法';
  const court = options.court?.trim() ? `向${options.court.trim()}` : '依法';
  return `如不服本决定，可在收到本决定书之日起六十日内${review}申请行政复议，或者在六个月内${court}提起行政诉讼。`;
}
