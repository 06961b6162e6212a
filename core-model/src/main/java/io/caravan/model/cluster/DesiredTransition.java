package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/** Transitions the servers asked of an allocation (migrate, reschedule…). */
@JsonPropertyOrder({"Migrate", "Reschedule", "ForceReschedule", "NoShutdownDelay", "MigrateDisablePlacement"})
public record DesiredTransition(
    @JsonProperty("Migrate") @Nullable Boolean migrate,
    @JsonProperty("Reschedule") @Nullable Boolean reschedule,
    @JsonProperty("ForceReschedule") @Nullable Boolean forceReschedule,
    @JsonProperty("NoShutdownDelay") @Nullable Boolean noShutdownDelay,
    @JsonProperty("MigrateDisablePlacement") @Nullable Boolean migrateDisablePlacement) {
}
