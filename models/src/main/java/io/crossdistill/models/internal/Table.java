package io.crossdistill.models.internal;

/**
 * Row-major arrays of a table handed from the public API to the implementation without copying.
 *
 * @param rows number of rows
 * @param numeric {@code rows × numericWidth} floats
 * @param ids {@code rows × idCount} ids
 * @param targets {@code rows × headCount} targets, NaN where unlabelled
 */
public record Table(int rows, float[] numeric, long[] ids, float[] targets) {
}
