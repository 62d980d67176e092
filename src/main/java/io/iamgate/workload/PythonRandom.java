package io.iamgate.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A bit-for-bit port of CPython 3.11's {@code random.Random}, for the functions the benchmark
 * workload generator calls: given the same integer seed it returns the same values, in the same
 * order, as {@code random.Random(seed)} does in python3.
 *
 * <p>The core (the MT19937 state, {@code init_genrand}, {@code init_by_array}, the seeding of an
 * int seed from its absolute value as little-endian 32-bit words, {@code genrand_uint32}, {@code
 * random()} and {@code getrandbits()}) follows CPython's {@code Modules/_randommodule.c}; the
 * derived functions ({@code _randbelow_with_getrandbits}, {@code randrange}, {@code randint},
 * {@code choice}, {@code sample}, {@code shuffle}, {@code choices}, {@code uniform}) follow CPython
 * 3.11's {@code Lib/random.py}. The draws each function makes are the contract: changing the order
 * or number of calls to the generator changes every later value.
 *
 * <p>Not thread-safe: use one instance per thread.
 */
public final class PythonRandom {
  private static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908b0df;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7fffffff;

  private final int[] mt = new int[N];
  private int index;

  /**
   * Seeds like {@code random.Random(seed)} for an int seed: {@code init_by_array} over the 32-bit
   * words of {@code abs(seed)}, least significant first (one zero word for seed 0).
   *
   * @param seed any long; its sign is ignored, as CPython does
   */
  public PythonRandom(long seed) {
    long magnitude = seed < 0 ? -seed : seed; // Long.MIN_VALUE stays 2^63 read as unsigned
    int high = (int) (magnitude >>> 32);
    int[] key = high == 0 ? new int[] {(int) magnitude} : new int[] {(int) magnitude, high};
    initByArray(key);
  }

  private void initGenrand(int s) {
    mt[0] = s;
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    index = N;
  }

  private void initByArray(int[] key) {
    initGenrand(19650218);
    int i = 1;
    int j = 0;
    for (int k = Math.max(N, key.length); k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) {
        j = 0;
      }
    }
    for (int k = N - 1; k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = UPPER_MASK;
  }

  /** {@code genrand_uint32}: the next 32 bits of MT19937, as an int read unsigned. */
  private int nextWord() {
    if (index >= N) {
      int kk = 0;
      for (; kk < N - M; kk++) {
        int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
      }
      for (; kk < N - 1; kk++) {
        int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
      }
      int y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
      index = 0;
    }
    int y = mt[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y;
  }

  /**
   * {@code random()}: a double in [0.0, 1.0) with 53 random bits, from two 32-bit draws.
   *
   * @return {@code ((a >> 5) * 2^26 + (b >> 6)) / 2^53}
   */
  public double random() {
    long a = Integer.toUnsignedLong(nextWord()) >>> 5;
    long b = Integer.toUnsignedLong(nextWord()) >>> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

  /**
   * {@code getrandbits(k)}: a uniformly random non-negative integer of {@code k} bits. Takes one
   * 32-bit draw per started word; the last (most significant) word keeps its top bits.
   *
   * @param k number of bits, 0 to 63
   * @return a value in [0, 2^k)
   */
  public long getrandbits(int k) {
    if (k < 0 || k > 63) {
      throw new IllegalArgumentException("bit count must be in 0..63: " + k);
    }
    if (k == 0) {
      return 0;
    }
    if (k <= 32) {
      return Integer.toUnsignedLong(nextWord()) >>> (32 - k);
    }
    long low = Integer.toUnsignedLong(nextWord());
    long high = Integer.toUnsignedLong(nextWord()) >>> (64 - k);
    return low | (high << 32);
  }

  /** {@code _randbelow_with_getrandbits(n)}: rejection sampling on {@code n.bit_length()} bits. */
  private long randbelow(long n) {
    int k = 64 - Long.numberOfLeadingZeros(n);
    long r = getrandbits(k);
    while (r >= n) {
      r = getrandbits(k);
    }
    return r;
  }

  private int randbelow(int n) {
    return (int) randbelow((long) n);
  }

  /**
   * {@code randrange(stop)}.
   *
   * @param stop exclusive upper bound, positive
   * @return a value in [0, stop)
   */
  public long randrange(long stop) {
    if (stop <= 0) {
      throw new IllegalArgumentException("empty range for randrange(" + stop + ")");
    }
    return randbelow(stop);
  }

  /**
   * {@code randrange(start, stop)} with step 1.
   *
   * @param start inclusive lower bound
   * @param stop exclusive upper bound, greater than {@code start}
   * @return a value in [start, stop)
   */
  public long randrange(long start, long stop) {
    long width = stop - start;
    if (width <= 0) {
      throw new IllegalArgumentException("empty range for randrange(" + start + ", " + stop + ")");
    }
    return start + randbelow(width);
  }

  /**
   * {@code randint(a, b)}, that is {@code randrange(a, b + 1)}.
   *
   * @param a inclusive lower bound
   * @param b inclusive upper bound, at least {@code a}
   * @return a value in [a, b]
   */
  public long randint(long a, long b) {
    return randrange(a, b + 1);
  }

  /**
   * {@code choice(seq)}: one element, chosen by {@code _randbelow(len(seq))}.
   *
   * @param <T> the element type
   * @param seq a non-empty list
   * @return one of its elements
   */
  public <T> T choice(List<T> seq) {
    if (seq.isEmpty()) {
      throw new IllegalArgumentException("cannot choose from an empty sequence");
    }
    return seq.get(randbelow(seq.size()));
  }

  /**
   * {@code choice(s)} over the characters of a string, as Python does for a {@code str}.
   *
   * @param s a non-empty string
   * @return one of its characters
   */
  public char choice(String s) {
    if (s.isEmpty()) {
      throw new IllegalArgumentException("cannot choose from an empty sequence");
    }
    return s.charAt(randbelow(s.length()));
  }

  /**
   * {@code sample(population, k)} with CPython 3.11's two branches: when the population is no
   * larger than the set it would take ({@code 21}, plus {@code 4 ** ceil(log(3k, 4))} for {@code k
   * > 5}) it draws from a shrinking pool, otherwise it redraws indexes already selected.
   *
   * @param population the list to draw from (not modified)
   * @param <T> the element type
   * @param k how many distinct positions to draw, 0 to {@code population.size()}
   * @return the {@code k} drawn elements in selection order, unmodifiable
   */
  public <T> List<T> sample(List<T> population, int k) {
    int n = population.size();
    if (k < 0 || k > n) {
      throw new IllegalArgumentException("sample larger than population or is negative");
    }
    List<T> result = new ArrayList<>(k);
    long setsize = 21; // size of a small set minus size of an empty list
    if (k > 5) {
      setsize += (long) Math.pow(4, Math.ceil(Math.log(k * 3.0) / Math.log(4)));
    }
    if (n <= setsize) {
      List<T> pool = new ArrayList<>(population);
      for (int i = 0; i < k; i++) {
        int j = randbelow(n - i);
        result.add(pool.get(j));
        pool.set(j, pool.get(n - i - 1));
      }
    } else {
      Set<Integer> selected = new HashSet<>();
      for (int i = 0; i < k; i++) {
        int j = randbelow(n);
        while (selected.contains(j)) {
          j = randbelow(n);
        }
        selected.add(j);
        result.add(population.get(j));
      }
    }
    return Collections.unmodifiableList(result);
  }

  /**
   * {@code shuffle(x)}: Fisher-Yates from the end, {@code j = _randbelow(i + 1)}.
   *
   * @param <T> the element type
   * @param x a mutable list, shuffled in place
   */
  public <T> void shuffle(List<T> x) {
    for (int i = x.size() - 1; i > 0; i--) {
      int j = randbelow(i + 1);
      T t = x.get(i);
      x.set(i, x.get(j));
      x.set(j, t);
    }
  }

  /**
   * {@code uniform(a, b)}: {@code a + (b - a) * random()}.
   *
   * @param a one end
   * @param b the other end
   * @return a double between them
   */
  public double uniform(double a, double b) {
    return a + (b - a) * random();
  }

  /**
   * {@code choices(population, k=k)}: {@code k} draws with replacement, each {@code
   * population[floor(random() * n)]}.
   *
   * @param population the list to draw from, non-empty
   * @param <T> the element type
   * @param k number of draws
   * @return the {@code k} drawn elements, unmodifiable
   */
  public <T> List<T> choices(List<T> population, int k) {
    int n = population.size();
    if (n == 0) {
      throw new IllegalArgumentException("cannot choose from an empty sequence");
    }
    List<T> result = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      result.add(population.get((int) Math.floor(random() * n)));
    }
    return Collections.unmodifiableList(result);
  }

  /**
   * {@code choices(population, weights=weights, k=k)}: {@code k} draws with replacement, each
   * {@code population[bisect_right(cum_weights, random() * total, 0, n - 1)]} over the running sums
   * of the weights (exact, as Python's int sums are, while the sums stay below 2^53).
   *
   * @param population the list to draw from, non-empty
   * @param weights relative weights, one per element, summing to a positive finite total
   * @param <T> the element type
   * @param k number of draws
   * @return the {@code k} drawn elements, unmodifiable
   */
  public <T> List<T> choices(List<T> population, double[] weights, int k) {
    int n = population.size();
    if (n == 0) {
      throw new IllegalArgumentException("cannot choose from an empty sequence");
    }
    List<T> result = new ArrayList<>(k);
    if (weights.length != n) {
      throw new IllegalArgumentException("the number of weights does not match the population");
    }
    double[] cum = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += weights[i];
      cum[i] = sum;
    }
    double total = cum[n - 1];
    if (!(total > 0.0) || Double.isInfinite(total)) {
      throw new IllegalArgumentException("total of weights must be greater than zero and finite");
    }
    for (int i = 0; i < k; i++) {
      double x = random() * total;
      int lo = 0;
      int hi = n - 1;
      while (lo < hi) { // bisect_right
        int mid = (lo + hi) >>> 1;
        if (x < cum[mid]) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      result.add(population.get(lo));
    }
    return Collections.unmodifiableList(result);
  }
}
