package org.sunshine.system;

import org.springframework.boot.health.contributor.Status;

/**
 * Health states beside Spring Boot's own. DEGRADED: working, but an admin should look (a feed failing for a
 * day, messages waiting for a provider); it answers 200, so probes keep the node in service.
 */
public final class HealthStates {

	public static final Status DEGRADED = new Status("DEGRADED");

	private HealthStates() {
	}

}
