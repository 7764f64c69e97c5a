/**
 * The floor: one sampled-loss training step written by hand in plain TypeScript, no tape,
 * no tensors, gradients derived on paper, sparse row updates, the three products in the same
 * register-tiled float64 kernel as the library's. What tapegrad's step would cost without the
 * tape, the op boundaries and the intermediate tensors.
 *
 * With M = 1 + S logits per example (true column first), l_i the label, s_j the samples,
 * Ws [S, D] the sampled rows of W:
 *   z[i, 0] = ⟨x_i, W[l_i]⟩ + b[l_i] − log Q_true[i]
 *   z[i, 1+j] = (x · Wsᵀ)[i, j] + b[s_j] − log Q_s[j]  (+ −FLT_MAX on an accidental hit, softmax only)
 *   NCE:     loss_i = Σ_k sigmoidCE(z[i, k], [k = 0])    ∂/∂z = σ(z) − [k = 0]
 *   softmax: loss_i = logΣexp(z[i]) − z[i, 0]              ∂/∂z = softmax(z[i]) − [k = 0]
 *   with G = ∂/∂z[:, 1:] / B:  ∂x = G · Ws + g_true ⊙ W[l],  ∂Ws = Gᵀ · x
 * The step minimises mean_i loss_i with SGD at rate LR on W and b (rows touched only) and x.
 */
import { gemmABt, transposeInto } from './hand-gemm.js';
import { LR, type LossKind, type Problem, type Step, type Trainer } from './problem.js';

/** ⟨a[ao …], b[bo …]⟩ over n elements. */
function dot(a: Float64Array, ao: number, b: Float32Array, bo: number, n: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += a[ao + k] * b[bo + k];
  return s;
}

/** The parameters, inputs and float64 scratch buffers of one hand-written step. */
interface State {
  p: Problem;
  W: Float32Array;
  b: Float32Array;
  x: Float32Array;
  xd: Float64Array; // [B, D] x
  xT: Float64Array; // [D, B]
  Ws: Float64Array; // [S, D] sampled rows of W
  WsT: Float64Array; // [D, S]
  zs: Float64Array; // [B, S] x · Wsᵀ
  z: Float64Array; // [B, M] logits
  dz: Float64Array; // [B, M] ∂mean loss/∂z
  G: Float64Array; // [B, S] the sampled columns of dz
  GT: Float64Array; // [S, B]
  dx: Float64Array; // [B, D]
  dWs: Float64Array; // [S, D]
  logQs: Float64Array; // [S]
}

function state(p: Problem): State {
  const { B, D, S } = p;
  const f = (n: number) => new Float64Array(n);
  return {
    p,
    W: p.W.slice(),
    b: p.b.slice(),
    x: p.x.slice(),
    xd: f(B * D),
    xT: f(B * D),
    Ws: f(S * D),
    WsT: f(S * D),
    zs: f(B * S),
    z: f(B * (1 + S)),
    dz: f(B * (1 + S)),
    G: f(B * S),
    GT: f(B * S),
    dx: f(B * D),
    dWs: f(S * D),
    logQs: f(S),
  };
}

/** z[i, k]: the true logit then the S sampled ones, with the hit mask when `mask`. */
function logits(st: State, mask: boolean): void {
  const { p, W, b, x, xd, Ws, zs, z, logQs } = st;
  const { B, D, S, labels, sampled } = p;
  const M = 1 + S;
  xd.set(x);
  for (let j = 0; j < S; j++) {
    Ws.set(W.subarray(sampled[j] * D, sampled[j] * D + D), j * D);
    logQs[j] = b[sampled[j]] - Math.log(p.sampledExpected[j]);
  }
  gemmABt(B, S, D, xd, Ws, zs);
  for (let i = 0; i < B; i++) {
    const l = labels[i];
    z[i * M] = dot(xd, i * D, W, l * D, D) + b[l] - Math.log(p.trueExpected[i]);
    for (let j = 0; j < S; j++) z[i * M + 1 + j] = zs[i * S + j] + logQs[j] + (mask ? p.hitMask[i * S + j] : 0);
  }
}

/** NCE: Σ_i Σ_k sigmoidCE(z, t) and dz = (σ(z) − t) / B, t = [k = 0]. Returns the loss sum. */
function nceLossGrad(z: Float64Array, dz: Float64Array, B: number, M: number): number {
  let loss = 0;
  for (let i = 0; i < B; i++) {
    for (let k = 0; k < M; k++) {
      const v = z[i * M + k],
        t = k === 0 ? 1 : 0;
      loss += Math.max(v, 0) - v * t + Math.log1p(Math.exp(-Math.abs(v)));
      dz[i * M + k] = (1 / (1 + Math.exp(-v)) - t) / B;
    }
  }
  return loss;
}

/** Softmax: Σ_i (logΣexp z[i] − z[i, 0]) and dz = (softmax(z[i]) − [k = 0]) / B. */
function softmaxLossGrad(z: Float64Array, dz: Float64Array, B: number, M: number): number {
  let loss = 0;
  for (let i = 0; i < B; i++) {
    const o = i * M;
    let m = -Infinity;
    for (let k = 0; k < M; k++) m = Math.max(m, z[o + k]);
    let se = 0;
    for (let k = 0; k < M; k++) se += Math.exp(z[o + k] - m);
    const lse = m + Math.log(se);
    loss += lse - z[o];
    for (let k = 0; k < M; k++) dz[o + k] = (Math.exp(z[o + k] - lse) - (k === 0 ? 1 : 0)) / B;
  }
  return loss;
}

/** Backward through the logits (old W and x), then SGD on the touched rows of W, b and on x. */
function backwardUpdate(st: State): void {
  const { p, W, b, x, xd, xT, Ws, WsT, dz, G, GT, dx, dWs } = st;
  const { B, D, S, labels, sampled } = p;
  const M = 1 + S;
  for (let i = 0; i < B; i++) for (let j = 0; j < S; j++) G[i * S + j] = dz[i * M + 1 + j];
  transposeInto(G, B, S, GT);
  transposeInto(Ws, S, D, WsT);
  transposeInto(xd, B, D, xT);
  gemmABt(B, D, S, G, WsT, dx); // ∂x = G · Ws
  gemmABt(S, D, B, GT, xT, dWs); // ∂Ws = Gᵀ · x
  for (let i = 0; i < B; i++) {
    const g = dz[i * M],
      l = labels[i] * D,
      o = i * D;
    for (let k = 0; k < D; k++) dx[o + k] += g * W[l + k];
  }
  // SGD on the touched rows only (a repeated id applies twice: the sum of its gradients).
  for (let i = 0; i < B; i++) {
    const g = LR * dz[i * M],
      l = labels[i],
      o = i * D;
    for (let k = 0; k < D; k++) W[l * D + k] -= g * xd[o + k];
    b[l] -= g;
  }
  for (let j = 0; j < S; j++) {
    const s = sampled[j] * D,
      o = j * D;
    for (let k = 0; k < D; k++) W[s + k] -= LR * dWs[o + k];
    let gb = 0;
    for (let i = 0; i < B; i++) gb += G[i * S + j];
    b[sampled[j]] -= LR * gb;
  }
  for (let k = 0; k < B * D; k++) x[k] -= LR * dx[k];
}

/** A step of `kind` over a private copy of the problem's parameters and inputs. */
export function handStep(p: Problem, kind: LossKind): Trainer {
  const st = state(p);
  return { step: stepOf(st, kind), params: () => ({ W: st.W, b: st.b, x: st.x }) };
}

/** Each kind has its own closure literal: V8 optimises each without the other's type feedback. */
function stepOf(st: State, kind: LossKind): Step {
  const { B, S } = st.p;
  if (kind === 'nce') {
    return () => {
      logits(st, false);
      const loss = nceLossGrad(st.z, st.dz, B, 1 + S);
      backwardUpdate(st);
      return loss / B;
    };
  }
  return () => {
    logits(st, true);
    const loss = softmaxLossGrad(st.z, st.dz, B, 1 + S);
    backwardUpdate(st);
    return loss / B;
  };
}
