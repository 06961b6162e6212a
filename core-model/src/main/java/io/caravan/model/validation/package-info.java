/** Validation of jobs with field-path messages ({@link io.caravan.model.validation.JobValidator}). */
package io.caravan.model.validation;
