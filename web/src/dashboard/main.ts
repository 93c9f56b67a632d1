// The dashboard page; see web/public/ for its HTML.
export {};
