/**
 * Benchmarks of the whole application (tag {@code benchmark}, run with
 * {@code ./mvnw -B test -Pbenchmark}): event ingestion throughput and screen-pop latency;
 * see docs/benchmarks.md.
 */
@NullMarked
package io.callbridge.bench;

import org.jspecify.annotations.NullMarked;
