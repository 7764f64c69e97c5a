/**
 * What limits each target when it is missed: the findings of profiling (`node --cpu-prof`
 * on the step alone, 1 500 steps) and of side measurements, written into RESULTS.md under
 * the target. Keyed by `Target.id` (see targets.ts). Figures quoted here were measured on
 * the machine of RESULTS.md, each step alone in its own process (where both tapegrad's and
 * the hand-written step run about 20% faster than late in the full run); the tables above
 * them are the run's own.
 */

const VS_WASM = `tfjs-wasm's step costs about 10-11 ms at C = 50 000, of which about 5.5 ms does not depend on C
(the same step at C = 1 000 takes 5.5 ms: dispatching some forty kernels and the gradient tape) and the rest
is the dense [C, D] scatter and SGD update. 10× asks for about 1.1 ms. The hand-written step, with no tape
and the same register-tiled float64 kernel, takes about 1.9 ms: its three products of [128, 128] by
[128, 64] sizes (6.3 MFLOP) run at about 4 GFLOP/s, the ceiling of scalar JavaScript measured on this
machine (4.2 GFLOP/s at best over tile shapes; 3.2 with float32 operands; the library's kernel reaches the
same), so the products alone need 1.5 ms. XNNPACK does them with SIMD (the [128,128]×[128,65] matMul takes
0.09 ms on wasm against 0.55-0.9 ms here). The target is out of reach of plain JS kernels on this machine; it
would take SIMD (WebAssembly) kernels, which a pure-TypeScript library does not have.`;

const VS_CPU = `The hand-written step is about 110-125× tfjs-cpu here; tapegrad's step pays the cost of the
composed ops on top of the same products (see the next section), which puts it at about 70-80×. The fixes
listed there (a fused sampled-logits op first) bring the step to about 2.3-2.45 ms, about 95-100× tfjs-cpu
(whose own step varies from 210 to 265 ms between runs).`;

const VS_HAND = `Profile of the library's step (nceLoss; sampledSoftmaxLoss alike): the matMul kernel is 43% of
the time and runs as fast as the hand-written step's products; the rest, about 1 ms, is spread over the
composed ops: building the logits from ~15 ops (gather ×2, slice ×4, reshape, a broadcast mul over
[B, 1, D] through ndarray-ops, sum, add ×2, matMul, sub ×2, concat; ~13% of the step forward and ~18%
backward, each op allocating and zero-filling its output), matMul's packing of operands into float64 and
copy of the float64 result to float32 (~8%), the cross-entropy (its backward recomputes exp for the
sigmoid, ~4%), the optimizer's coalescing of repeated row ids through a Map, which V8 keeps deoptimising
(~3.5%), and garbage collection (~4%). The fixes, in order of gain:
1. \`computeSampledLogits\` (src/nn/losses/sampled-logits.ts) as one fused op: the [B, T+S] logits from
   inputs and the gathered rows in one forward; backward returns ∂inputs (one matMul plus the T row
   terms) and row-sparse ∂weights / ∂biases directly, keeping the composed version as the tests'
   reference. A prototype built on the public API (defineOp, noGrad, matMul, RowSparse) gives the same
   loss and updates (max |ΔW| 5e-10) and takes the step from 2.85 to 2.45 ms.
2. \`sigmoidCrossEntropyWithLogits\`: keep e = exp(−|x|) from the forward pass; backward
   σ(x) = x ≥ 0 ? 1/(1+e) : e/(1+e) (8 320 exp fewer per step, ~0.08 ms).
3. \`matmul\` (src/tensor/matmul.ts): write the tiles straight into the float32 result when K fits one
   K-block instead of accumulating into a float64 array and copying it (~0.05 ms).
4. \`RowSparse.coalesce\`: a typed-array coalesce (sort the ids, or a small open-addressing table) in
   place of the Map; SGD without momentum may apply repeated rows without coalescing (~0.05-0.1 ms).
Together they would bring the step to about 2.3 ms, about 0.8× the hand-written 1.9 ms.`;

const MATMUL_VS_CPU = `tapegrad's kernel (4×4 register tiles over float64 packed operands) runs at about 4 GFLOP/s and
tfjs-cpu's at 0.6-1 GFLOP/s, so the ratio sits around 4-6× and moves with the machine's load; a run on a
busy machine can dip under 4. Scalar JavaScript offers no faster form (see the step targets' notes).`;

const MATMUL_FORMS = `All forms pack op(A) and op(B)ᵀ into row-major float64 (a tiled transpose for a column-major
operand) and run the same loop, so they differ only by the packing, about 1-2 ms at 512³; a larger gap in
one run is the machine's noise.`;

/** Printed once above the notes. */
export const LIMITS_PREAMBLE = `Timings in these notes come from profiling each step alone in its own process, where tapegrad's and
the hand-written step both run about 20% faster than late in the full run above; their ratio is the same.`;

export const LIMITS: Record<string, string> = {
  'nceLoss-vs-wasm': VS_WASM,
  'sampledSoftmaxLoss-vs-wasm': VS_WASM,
  'nceLoss-vs-cpu': VS_CPU,
  'sampledSoftmaxLoss-vs-cpu': VS_CPU,
  'nceLoss-vs-hand': VS_HAND,
  'sampledSoftmaxLoss-vs-hand': VS_HAND,
  'matmul-NN-vs-cpu': MATMUL_VS_CPU,
  'matmul-NT-vs-cpu': MATMUL_VS_CPU,
  'matmul-TN-vs-cpu': MATMUL_VS_CPU,
  'matmul-NT-vs-NN': MATMUL_FORMS,
  'matmul-TN-vs-NN': MATMUL_FORMS,
};
