"""gensim peer for `./dev bench`: Word2Vec skip-gram with negative sampling on
the same corpus and settings as `bench-word2vec` (dim 50, window 5,
negatives 5, min count 5, sample 1e-3, 3 epochs, workers=1).
Prints `bench native-word2vec-gensim <words/s> words/s`."""
import sys
import time

from gensim.models import Word2Vec

sentences = [line.split() for line in open(sys.argv[1], encoding="utf-8")]
words = sum(len(s) for s in sentences)
model = Word2Vec(vector_size=50, window=5, negative=5, min_count=5, sample=1e-3, sg=1, hs=0, workers=1, seed=1)
model.build_vocab(sentences)
start = time.perf_counter()
model.train(sentences, total_examples=len(sentences), epochs=3)
print(f"bench native-word2vec-gensim {words * 3 / (time.perf_counter() - start):.0f} words/s")
