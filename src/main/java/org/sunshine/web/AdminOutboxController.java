package org.sunshine.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.sunshine.notification.OutboxAdmin;

/** The outbox by state, and failed and uncertain messages with their reasons, for admins (HTTP Basic). */
@RestController
class AdminOutboxController {

	private final OutboxAdmin outbox;

	AdminOutboxController(OutboxAdmin outbox) {
		this.outbox = outbox;
	}

	@GetMapping("/api/admin/outbox")
	OutboxAdmin.Summary outbox() {
		return outbox.summary();
	}

}
