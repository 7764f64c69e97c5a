/**
 * The demo's static server (scripts/serve.mjs): the strict CSP on every response, module
 * scripts with a JavaScript MIME type (required under `nosniff`), nothing served outside
 * examples/browser/ and dist/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, STRICT_CSP } from '../../scripts/serve.mjs';

describe('scripts/serve.mjs', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({ port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  const get = (path: string) => fetch(server.url + path, { redirect: 'manual' });

  it('has a policy without eval or inline script', () => {
    const directives = Object.fromEntries(STRICT_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['worker-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'none'"]);
  });

  it('serves the page and its module scripts with the CSP header', async () => {
    const page = await get('/examples/browser/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(STRICT_CSP);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<script type="module" src="main.js"></script>');
    const script = await get('/examples/browser/worker.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(STRICT_CSP);
  });

  it('redirects / to the demo and refuses everything outside the served folders', async () => {
    const root = await get('/');
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/examples/browser/');
    for (const path of [
      '/package.json',
      '/src/index.ts',
      '/dist/%2e%2e/package.json',
      '/examples/browser/%2e%2e/%2e%2e/package.json',
      '/examples/browser/missing.js',
    ]) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.headers.get('content-security-policy'), path).toBe(STRICT_CSP);
    }
  });
});
