package io.caravan.scheduler.broker;

import io.caravan.model.cluster.Evaluation;

/**
 * An evaluation handed to a worker, with the token the worker must present to ack, nack or
 * submit plans for it.
 */
public record DequeuedEval(Evaluation eval, String token) {}
