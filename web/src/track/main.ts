// The track page; see web/public/ for its HTML.
export {};
