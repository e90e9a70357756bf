/**
 * Implementation of the models module on DJL's PyTorch engine: parameter tensors, forward pass, masked
 * loss, training loop, batched prediction and file codecs. Not an API; use {@code io.crossdistill.models}.
 */
package io.crossdistill.models.internal;
