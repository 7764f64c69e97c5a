"""gensim's skip-gram with negative sampling on the token stream the benchmark wrote.

Usage: /usr/bin/python3 bench/word2vec-gensim.py SENTENCES OUT_VECTORS DIM WINDOW NEGATIVE EPOCHS MIN_COUNT SAMPLE
Prints one JSON line: seconds of training, in-vocabulary words per second, gensim version.
Not a test dependency: the benchmark skips gensim when it is not installed.
"""
import json
import sys
import time

from gensim.models import Word2Vec
from gensim.models.word2vec import LineSentence
import gensim

path, out, dim, window, negative, epochs, min_count, sample = sys.argv[1:9]
sentences = LineSentence(path)
model = Word2Vec(
    vector_size=int(dim), window=int(window), negative=int(negative), sg=1, hs=0,
    min_count=int(min_count), sample=float(sample), workers=1, seed=1,
)
model.build_vocab(sentences)
t0 = time.perf_counter()
model.train(sentences, total_examples=model.corpus_count, epochs=int(epochs))
seconds = time.perf_counter() - t0
words = sum(model.wv.get_vecattr(w, "count") for w in model.wv.index_to_key) * int(epochs)
model.wv.save_word2vec_format(out)
print(json.dumps({"seconds": seconds, "wordsPerSecond": words / seconds, "vocabulary": len(model.wv), "version": gensim.__version__}))
