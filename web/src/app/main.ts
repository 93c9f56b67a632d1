// The app page; see web/public/ for its HTML.
export {};
