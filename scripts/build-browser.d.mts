/** Types of scripts/build-browser.mjs (a plain Node script, no build step). */
export declare const BUNDLE: string;
export declare function buildBrowserBundle(): Promise<{ file: string; bytes: number; gzipBytes: number }>;
