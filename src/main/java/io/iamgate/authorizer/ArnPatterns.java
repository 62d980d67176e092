package io.iamgate.authorizer;

/**
 * Execute-api ARN patterns as API Gateway matches them: {@code *} stands for any run of characters,
 * {@code /} included; everything else is literal.
 */
final class ArnPatterns {
  private ArnPatterns() {}

  /**
   * Whether some ARN matches both patterns. Linear in the product of the lengths after their common
   * literal prefix and suffix, which is where route patterns of one API differ.
   */
  static boolean meet(String p, String q) {
    int start = 0;
    int pEnd = p.length();
    int qEnd = q.length();
    while (start < pEnd && start < qEnd && p.charAt(start) != '*' && q.charAt(start) != '*') {
      if (p.charAt(start) != q.charAt(start)) {
        return false;
      }
      start++;
    }
    while (pEnd > start && qEnd > start && p.charAt(pEnd - 1) != '*' && q.charAt(qEnd - 1) != '*') {
      if (p.charAt(pEnd - 1) != q.charAt(qEnd - 1)) {
        return false;
      }
      pEnd--;
      qEnd--;
    }
    // next[j]: whether p[i+1..pEnd) and q[j..qEnd) meet; cur[j]: the same from p[i]
    int width = qEnd - start + 1;
    boolean[] next = new boolean[width];
    boolean[] cur = new boolean[width];
    next[width - 1] = true;
    for (int j = qEnd - 1; j >= start; j--) {
      next[j - start] = q.charAt(j) == '*' && next[j - start + 1];
    }
    for (int i = pEnd - 1; i >= start; i--) {
      char pc = p.charAt(i);
      cur[width - 1] = pc == '*' && next[width - 1];
      for (int j = qEnd - 1; j >= start; j--) {
        char qc = q.charAt(j);
        int k = j - start;
        if (pc == '*' || qc == '*') {
          cur[k] = next[k] || cur[k + 1];
        } else {
          cur[k] = pc == qc && next[k + 1];
        }
      }
      boolean[] t = next;
      next = cur;
      cur = t;
    }
    return next[0];
  }
}
