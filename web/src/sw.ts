// The service worker keeps the window app's shell available offline (filled in with the app).
export {};
