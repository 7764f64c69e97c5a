/**
 * The browser demo in a real Chromium (Debian's, driven by playwright-core; never a
 * downloaded browser), served with a strict Content-Security-Policy (no 'unsafe-eval').
 *
 * Checks: the page loads the bundle and trains in its worker with code generation refused
 * (both realms report codegenEnabled() === false and the only CSP refusals are the library's
 * one probe per realm); the first training losses equal, bit for bit, those of the same code
 * run in Node with ndarray's generated kernels (same numbers on both engines); the loss
 * fell; the gradient check reported on the page is ok; the graph of one training step
 * (renderGraphSvg) parses as SVG, names every op, and is the same text as in Node; the
 * "Sampled against full" panel (compareSampledToFull in the worker, on a click) draws one
 * point per numSampled per loss with ratios > 0 and cosines in [-1, 1] that grow with S; no
 * console error or page error. Saves screenshots to test-output/browser-demo.png and
 * test-output/graph.png (the graph panel), and into docs/ when missing or
 * UPDATE_DOCS_SCREENSHOT=1.
 *
 * Without /usr/bin/chromium the test is skipped, unless CI is set: then it fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { buildBrowserBundle } from '../../scripts/build-browser.mjs';
import { startServer, STRICT_CSP } from '../../scripts/serve.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const inCI = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Train until this step; the page evaluates every 100 steps. */
const STEPS = 400;
/** Training losses compared bit for bit with Node. */
const COMPARED = 8;

if (!haveChromium && !inCI) {
  console.warn(
    `test/browser/demo.test.ts: skipped, ${CHROMIUM} not found (apt-get install -y chromium, or set CHROMIUM_PATH). With CI=true this test fails instead.`,
  );
}

/** What the page keeps in `window.tapegradDemo` (examples/browser/main.js). */
interface DemoState {
  codegen: { page: boolean | null; worker: boolean | null };
  cspViolations: { where: string; directive: string; blocked: string }[];
  train: [number, number][];
  eval: [number, number][];
  gradcheck: { name: string; ok: boolean; maxAbsError: number; maxRelError: number }[] | null;
  graph: { svg: string; dot: string; ops: string[]; parsed: boolean } | null;
  diagnosis: {
    step: number;
    ms: number;
    trials: number;
    series: {
      loss: string;
      rows: { numSampled: number; sampledLoss: number; fullLoss: number; ratio: number; cosineWeights: number }[];
    }[];
    points: { panel: string; loss: string; numSampled: number; value: number }[];
    tableRows: number;
  } | null;
  errors: string[];
}

/** The part of examples/browser/task.js the test runs in Node. */
interface TaskModule {
  createTrainer(o?: object): { trainStep(): number; evalLoss(): number; stepGraph(): { svg: string; dot: string } };
}

describe.skipIf(!haveChromium && !inCI)('browser demo in Chromium under a strict CSP', () => {
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;

  beforeAll(async () => {
    expect(haveChromium, `CI is set but ${CHROMIUM} is missing: .ci/run installs it with apt-get`).toBe(true);
    await buildBrowserBundle();
    server = await startServer({ port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('trains with sampledSoftmaxLoss in a worker, the same numbers as Node, loss falls, gradcheck ok', async () => {
    const page = await browser!.newPage({ viewport: { width: 880, height: 900 } });
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));

    const response = await page.goto(`${server!.url}/examples/browser/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toBe(STRICT_CSP);
    expect(STRICT_CSP).not.toContain('unsafe-eval');

    await page.waitForFunction(
      (steps) => {
        const d = (globalThis as unknown as { tapegradDemo?: DemoState }).tapegradDemo;
        return !!d && (d.errors.length > 0 || (d.gradcheck !== null && d.graph !== null && d.train.length >= steps));
      },
      STEPS,
      { timeout: 25_000, polling: 100 },
    );
    // Sampled against full, on the model as trained so far.
    await page.click('#diagnose');
    await page.waitForFunction(
      () => {
        const d = (globalThis as unknown as { tapegradDemo: DemoState }).tapegradDemo;
        return d.errors.length > 0 || d.diagnosis !== null;
      },
      undefined,
      { timeout: 15_000, polling: 100 },
    );
    await page.waitForTimeout(300); // one more chart frame before the screenshot
    const state = await page.evaluate(() => (globalThis as unknown as { tapegradDemo: DemoState }).tapegradDemo);

    mkdirSync(join(root, 'test-output'), { recursive: true });
    const shot = join(root, 'test-output', 'browser-demo.png');
    await page.screenshot({ path: shot, fullPage: true });
    const graphShot = join(root, 'test-output', 'graph.png');
    await page.setViewportSize({ width: 1400, height: 900 }); // wide enough for the graph at its own size
    await page.locator('#graph-panel').screenshot({ path: graphShot });
    for (const [from, name] of [
      [shot, 'browser-demo.png'],
      [graphShot, 'graph.png'],
    ]) {
      const docsShot = join(root, 'docs', name);
      if (!existsSync(docsShot) || process.env.UPDATE_DOCS_SCREENSHOT === '1') {
        mkdirSync(dirname(docsShot), { recursive: true });
        copyFileSync(from, docsShot);
      }
    }

    expect(state.errors).toEqual([]);
    expect(consoleErrors).toEqual([]);

    // The CSP was in force: code generation refused in both realms, and the only refusals
    // were of `eval` (the library's probe), none of a script, style or worker.
    expect(state.codegen).toEqual({ page: false, worker: false });
    expect(state.cspViolations.length).toBeGreaterThanOrEqual(1);
    for (const v of state.cspViolations) expect([v.directive, v.blocked]).toEqual(['script-src', 'eval']);

    // Same numbers as Node, where ndarray's generated kernels run (codegen on).
    const tg = (await import(pathToFileURL(join(root, 'dist', 'tapegrad.browser.js')).href)) as {
      codegenEnabled(): boolean;
    };
    expect(tg.codegenEnabled()).toBe(true);
    const task = (await import(pathToFileURL(join(root, 'examples', 'browser', 'task.js')).href)) as TaskModule;
    const trainer = task.createTrainer();
    const initialEval = trainer.evalLoss();
    const nodeLosses = Array.from({ length: COMPARED }, () => trainer.trainStep());
    expect(state.eval[0]).toEqual([0, initialEval]);
    expect(state.train.slice(0, COMPARED)).toEqual(nodeLosses.map((l, i) => [i + 1, l]));

    // The graph of one step: parsed by the browser's DOMParser, every op drawn, the same SVG as in Node.
    const graph = state.graph!;
    expect(graph.parsed).toBe(true);
    expect(graph.ops).toEqual([
      'leaf',
      'leaf',
      'gather',
      'leaf',
      'gather',
      'leaf',
      'gather',
      'sampledLogits',
      'softmaxCrossEntropyWithLogits',
      'sum',
      'leaf',
      'mul',
    ]);
    const nodeGraph = task.createTrainer().stepGraph();
    expect(graph.svg).toBe(nodeGraph.svg);
    expect(graph.dot).toBe(nodeGraph.dot);
    expect(graph.dot.match(/row-sparse grad/g)).toHaveLength(3);

    // The loss fell: from about ln C for the untrained model, by more than 1 nat.
    const lnC = Math.log(5000);
    expect(Math.abs(state.eval[0][1] - lnC)).toBeLessThan(0.5);
    const lastEval = state.eval[state.eval.length - 1];
    expect(lastEval[0]).toBeGreaterThanOrEqual(STEPS - 100);
    expect(lastEval[1]).toBeLessThan(state.eval[0][1] - 1);
    const meanOf = (pts: [number, number][]) => pts.reduce((s, p) => s + p[1], 0) / pts.length;
    expect(meanOf(state.train.slice(-50))).toBeLessThan(meanOf(state.train.slice(0, 50)) - 1);

    // Sampled against full: one row per S per loss, drawn as one point per row in each panel
    // and one table row per S; ratios > 0, cosines in [-1, 1], better at S = 512 than at S = 8.
    const SIZES = [8, 16, 32, 64, 128, 256, 512];
    const diag = state.diagnosis!;
    expect(diag.step).toBeGreaterThanOrEqual(STEPS);
    expect(diag.trials).toBeGreaterThanOrEqual(1);
    expect(diag.ms).toBeLessThan(5000);
    expect(diag.series.map((s) => s.loss)).toEqual(['softmax', 'nce']);
    for (const s of diag.series) {
      expect(s.rows.map((r) => r.numSampled)).toEqual(SIZES);
      for (const r of s.rows) {
        expect(r.ratio, `${s.loss} S=${r.numSampled}`).toBeGreaterThan(0);
        expect(r.ratio).toBeCloseTo(r.sampledLoss / r.fullLoss, 12);
        expect(Math.abs(r.cosineWeights), `${s.loss} S=${r.numSampled}`).toBeLessThanOrEqual(1);
      }
      expect(s.rows[SIZES.length - 1].cosineWeights, s.loss).toBeGreaterThan(s.rows[0].cosineWeights);
      for (const panel of ['ratio', 'cosine']) {
        const drawn = diag.points.filter((p) => p.panel === panel && p.loss === s.loss);
        expect(drawn.map((p) => p.numSampled)).toEqual(SIZES);
        expect(drawn.map((p) => p.value)).toEqual(s.rows.map((r) => (panel === 'ratio' ? r.ratio : r.cosineWeights)));
      }
    }
    expect(diag.tableRows).toBe(SIZES.length);

    // The gradient check shown on the page.
    expect(state.gradcheck!.map((r) => r.name)).toEqual(['sampledSoftmaxLoss', 'nceLoss']);
    for (const r of state.gradcheck!) {
      expect(r.ok, `${r.name}: ${JSON.stringify(r)}`).toBe(true);
      expect(r.maxAbsError).toBeLessThan(1e-5);
    }
  }, 60_000);
});
