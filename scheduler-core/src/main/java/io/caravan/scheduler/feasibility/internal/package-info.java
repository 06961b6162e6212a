/** Internal version parsing and version-constraint matching (go-version and SemVer rules). */
package io.caravan.scheduler.feasibility.internal;
