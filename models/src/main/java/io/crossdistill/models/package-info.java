/**
 * Multi-task networks for crossdistill teachers and students, the only place that uses DJL: network
 * configs ({@link io.crossdistill.models.NetworkConfig}), in-memory tables
 * ({@link io.crossdistill.models.TabularData}), models with batched prediction and save/load
 * ({@link io.crossdistill.models.MultiTaskModel}), deterministic training with early stopping and
 * distillation losses ({@link io.crossdistill.models.ModelTrainer}) and sealed teacher artifacts
 * ({@link io.crossdistill.models.TeacherArtifact}). Evaluation metrics are schemas'
 * ({@link io.crossdistill.schemas.metrics.Metrics}), shared with the task aligner.
 */
package io.crossdistill.models;
