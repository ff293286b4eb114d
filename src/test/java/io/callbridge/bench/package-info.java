/**
 * Benchmarks of the whole application (tag {@code benchmark}, run with
 * {@code ./mvnw -B test -Pbenchmark}): event ingestion throughput, screen-pop latency and
 * the Zadarma webhook over HTTP (events per second, NOTIFY_START decision latency); see
 * docs/benchmarks.md.
 */
@NullMarked
package io.callbridge.bench;

import org.jspecify.annotations.NullMarked;
