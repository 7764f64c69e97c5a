/**
 * The training worker: runs the gradient check, then trains in slices of a few milliseconds,
 * posting the training losses after each slice and an eval loss every `evalEvery` steps.
 * Between slices it yields to its message queue, so pause/resume take effect at once, and
 * a 'diagnose' request runs `compareSampledToFull` on the model as trained so far.
 */
const cspViolations = [];
self.addEventListener('securitypolicyviolation', (v) =>
  cspViolations.push({ directive: v.effectiveDirective, blocked: v.blockedURI }),
);

const fail = (e) => postMessage({ type: 'error', message: String(e && e.stack ? e.stack : e) });

try {
  // Imported after the listener: the library probes code generation once on load.
  const tg = await import('../../dist/tapegrad.browser.js');
  const { createTrainer, gradcheckReports, TASK, DIAGNOSIS, uniformLoss, bayesLoss } = await import('./task.js');
  await new Promise((r) => setTimeout(r, 0)); // let the probe's violation event arrive

  const task = {
    ...TASK,
    uniformLoss: uniformLoss(TASK.numClasses),
    bayesLoss: bayesLoss(TASK.numClasses, TASK.noise),
  };
  postMessage({ type: 'ready', codegen: tg.codegenEnabled(), cspViolations, task, diagnosis: DIAGNOSIS });
  postMessage({ type: 'gradcheck', reports: JSON.parse(JSON.stringify(gradcheckReports())) });

  const trainer = createTrainer();
  postMessage({ type: 'graph', ...trainer.stepGraph() });
  let running = true;
  self.onmessage = ({ data }) => {
    if (data.cmd === 'pause') running = false;
    if (data.cmd === 'resume' && !running) {
      running = true;
      loop();
    }
    if (data.cmd === 'diagnose') diagnose();
  };

  /** Sampled against full on one batch of the model as trained so far (training waits meanwhile). */
  function diagnose() {
    try {
      const t0 = performance.now();
      const series = trainer.diagnose().map(({ loss, rows }) => ({
        loss,
        rows: rows.map((r) => ({
          numSampled: r.numSampled,
          sampledLoss: r.sampledLoss.mean,
          fullLoss: r.fullLoss,
          ratio: r.ratio,
          cosineWeights: r.cosineWeights,
        })),
      }));
      const ms = performance.now() - t0;
      postMessage({ type: 'diagnosis', step: trainer.step, ms, trials: DIAGNOSIS.trials, series });
    } catch (e) {
      fail(e);
    }
  }

  const SLICE_MS = 40;
  function loop() {
    if (!running) return;
    try {
      if (trainer.step === 0) postMessage({ type: 'eval', step: 0, loss: trainer.evalLoss() });
      const t0 = performance.now();
      const points = [];
      while (performance.now() - t0 < SLICE_MS) {
        points.push([trainer.step + 1, trainer.trainStep()]);
        if (trainer.step % TASK.evalEvery === 0) {
          postMessage({ type: 'train', points: points.splice(0) });
          postMessage({ type: 'eval', step: trainer.step, loss: trainer.evalLoss() });
        }
      }
      postMessage({ type: 'train', points });
      setTimeout(loop, 0);
    } catch (e) {
      fail(e);
    }
  }
  loop();
} catch (e) {
  fail(e);
}
