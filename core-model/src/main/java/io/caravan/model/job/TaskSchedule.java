package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/** Time-of-day schedule that starts and stops a task. */
@JsonPropertyOrder({"Cron"})
public record TaskSchedule(
    @JsonProperty("Cron") @Nullable TaskScheduleCron cron) {
}
