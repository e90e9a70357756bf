/*
 * FP32 FMA peak of one core, measured: 12 independent chains of packed fused multiply-adds (enough to
 * hide the FMA latency on both FMA pipes), best of 5 rounds. Used by docs/teachers.md to state the
 * machine's peak at the clock it really runs at (a VM's nominal 2.6 GHz says nothing about boost).
 *
 *   gcc -O3 -mavx512f -mfma -o /tmp/fma_peak benchmarks/src/main/c/fma_peak.c
 *   /tmp/fma_peak 256; /tmp/fma_peak 512                        # one core, 256- and 512-bit vectors
 *   taskset -c 0 /tmp/fma_peak 512 & taskset -c 1 /tmp/fma_peak 512; wait   # both cores at once
 */
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define CHAINS 12
#define STEPS 16000000L

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  int bits = argc > 1 ? atoi(argv[1]) : 512;
  __m512 a[CHAINS];
  __m256 b[CHAINS];
  for (int i = 0; i < CHAINS; i++) {
    a[i] = _mm512_set1_ps(1.0f + i * 1e-7f);
    b[i] = _mm256_set1_ps(1.0f + i * 1e-7f);
  }
  const __m512 m = _mm512_set1_ps(0.9999999f), c = _mm512_set1_ps(1e-7f);
  const __m256 m2 = _mm256_set1_ps(0.9999999f), c2 = _mm256_set1_ps(1e-7f);
  double best = 0;
  for (int round = 0; round < 5; round++) {
    double t0 = now();
    if (bits == 512) {
      for (long k = 0; k < STEPS; k++)
        for (int i = 0; i < CHAINS; i++) a[i] = _mm512_fmadd_ps(a[i], m, c);
    } else {
      for (long k = 0; k < STEPS; k++)
        for (int i = 0; i < CHAINS; i++) b[i] = _mm256_fmadd_ps(b[i], m2, c2);
    }
    double flops = (double) STEPS * CHAINS * (bits / 32) * 2 / (now() - t0);
    if (flops > best) best = flops;
  }
  float sink = 0, lanes[16];
  for (int i = 0; i < CHAINS; i++) {
    _mm512_storeu_ps(lanes, a[i]);
    sink += lanes[0];
    _mm256_storeu_ps(lanes, b[i]);
    sink += lanes[0];
  }
  printf("%d-bit FMA, one core: %.1f GFLOP/s = %.1f FLOP/cycle at the nominal 2.6 GHz (checksum %.3f)\n", bits,
         best / 1e9, best / 2.6e9, sink);
  return 0;
}
