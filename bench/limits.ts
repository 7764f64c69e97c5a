/**
 * What limits each target when it is missed: the findings of profiling (`node --cpu-prof`
 * on the step alone, 1 500 steps) and of side measurements, written into RESULTS.md under
 * the target. Keyed by `Target.id` (see targets.ts). Figures quoted here were measured on
 * the machine of RESULTS.md, each step alone in its own process (where both tapegrad's and
 * the hand-written step run 10-20% faster than late in the full run); the tables above
 * them are the run's own.
 */

const VS_WASM = `tfjs-wasm's step costs about 10-17 ms at C = 50 000 (it varies from run to run), of which about 5.5 ms does not depend on C
(the same step at C = 1 000 takes 5.5 ms: dispatching some forty kernels and the gradient tape) and the rest
is the dense [C, D] scatter and SGD update. 10× asks for about 1.1 ms. The hand-written step, with no tape
and the same register-tiled float64 kernel, takes about 1.9 ms (tapegrad's 2.2 ms): its three products of [128, 128] by
[128, 64] sizes (6.3 MFLOP) run at about 4 GFLOP/s, the ceiling of scalar JavaScript measured on this
machine (4.2 GFLOP/s at best over tile shapes; 3.2 with float32 operands; the library's kernel reaches the
same), so the products alone need 1.5 ms. XNNPACK does them with SIMD (the [128,128]×[128,65] matMul takes
0.09 ms on wasm against 0.55-0.9 ms here). The target is out of reach of plain JS kernels on this machine; it
would take SIMD (WebAssembly) kernels, which a pure-TypeScript library does not have.`;

const VS_CPU = `tfjs-cpu's own step varies from about 200 to 275 ms between runs (its dense [C, D] scatter and
update, and the garbage collection they cause), and tapegrad's from about 2.2 ms alone to 2.5-2.7 ms late in
a full run, so the ratio lands between about 85 and 115× from run to run. The hand-written step, the floor
with no tape, is 105-125×, and tapegrad's step runs at 0.84-0.87× of it: its matrix products take as long,
and the rest, about 0.3 ms, is what the autograd step costs over hand-fused code: fresh output and gradient
arrays per op (a 64-200 KB typed array costs 5-9 µs to allocate here), gradients materialised in float32
for the optimizer where the hand-written step updates from its float64 buffers, and the loss as separate
ops after the fused logits. Fixed after profiling (the step went from 3.5 to 2.2-2.5 ms): the sampled logits
as one fused op, a fused softmax cross-entropy, matMul's reused pack buffers, a typed-array coalesce of
repeated rows (and none for plain SGD).`;

const VS_HAND = `Profile of the library's step (nceLoss; sampledSoftmaxLoss alike), each step alone: about 2.2 ms
against the hand-written 1.85-1.9 ms (0.84-0.87×; a full run, where tfjs's heap lives beside it, moves both
and the ratio down by about 0.03). The matMul kernel is about 54% of the step and runs as fast as the
hand-written products. Fixed after profiling: the sampled logits are one embedding lookup (whose gather
makes the row-sparse gradients) and one fused op over the looked-up rows in place of some fifteen ops
(src/nn/losses/sampled-logits.ts; the tests check it against the same logits composed from the primitive
ops); the softmax cross-entropy over the last axis is one op that keeps the softmax for its backward;
the sigmoid cross-entropy keeps exp(−|x|);
matMul reuses its pack buffers; \`RowSparse.coalesce\` uses a typed-array hash table, and plain SGD applies
repeated rows without coalescing (as TensorFlow's scatter-sub). What is left, about 0.3 ms: each op
allocates fresh outputs and gradients where the hand-written step reuses its buffers (a fresh 64-200 KB
typed array costs 5-9 µs here, about 0.1 ms a step, plus about 2% in the garbage collector); the loss
runs as three ops after the logits (cross-entropy, sum, mean) with a [B, T+S] tensor between each; and the
gradients are rounded to float32 for the optimizer where the hand-written step updates from its float64
buffers. exp and log1p, about 10 ns each here, cost both steps the same.`;

const MATMUL_VS_CPU = `tapegrad's kernel (4×4 register tiles of double accumulators, operands read in place) runs at about 3.5-4 GFLOP/s and
tfjs-cpu's at 0.6-1 GFLOP/s, so the ratio sits around 4-6× and moves with the machine's load; a run on a
busy machine can dip under 4. Scalar JavaScript offers no faster form (see the step targets' notes).`;

const MATMUL_FORMS = `All forms run the same loop over the operands in place, through their strides (no packing copy),
blocked by 64 columns so that the B panel stays in cache; they differ only in how the loads walk memory,
within a few percent at 512³; a larger gap in one run is the machine's noise.`;

const SCALING = `Nothing in the step is O(C): it gathers and updates the B·T + S rows of the labels and samples
(row-sparse gradients, no dense [C, D] array), and the log-uniform sampler draws in O(S) from a closed form.
Run quietly, the ratio is 1.00-1.02 (the earlier runs of this file). This machine, a VM on 2 shared cores, has
episodes of several seconds in which every step runs 30-50% slower; the rounds of the three sizes alternate
and the median of 15 round medians is reported, but an episode long enough still moves one size's median.`;

/** Printed once above the notes. */
export const LIMITS_PREAMBLE = `Timings in these notes come from profiling each step alone in its own process, where tapegrad's and
the hand-written step both run 10-20% faster than late in the full run above.`;

export const LIMITS: Record<string, string> = {
  'nceLoss-vs-wasm': VS_WASM,
  'sampledSoftmaxLoss-vs-wasm': VS_WASM,
  'nceLoss-vs-cpu': VS_CPU,
  'sampledSoftmaxLoss-vs-cpu': VS_CPU,
  'nceLoss-vs-hand': VS_HAND,
  'sampledSoftmaxLoss-vs-hand': VS_HAND,
  'nceLoss-scaling': SCALING,
  'sampledSoftmaxLoss-scaling': SCALING,
  'matmul-NN-vs-cpu': MATMUL_VS_CPU,
  'matmul-NT-vs-cpu': MATMUL_VS_CPU,
  'matmul-TN-vs-cpu': MATMUL_VS_CPU,
  'matmul-NT-vs-NN': MATMUL_FORMS,
  'matmul-TN-vs-NN': MATMUL_FORMS,
};
