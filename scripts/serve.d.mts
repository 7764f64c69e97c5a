/** Types of scripts/serve.mjs (a plain Node script, no build step). */
export declare const STRICT_CSP: string;
export declare function startServer(options?: { port?: number; host?: string }): Promise<{
  url: string;
  port: number;
  close: () => Promise<void>;
}>;
