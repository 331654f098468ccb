package org.sunshine.notification;

import java.time.Duration;

import org.springframework.context.ApplicationContext;

/** The senders and the lease recovery of one running node, for tests that drive several nodes by hand. */
public final class Senders {

	private Senders() {
	}

	/** Runs the node's senders until nothing is due; returns how many messages a provider accepted. */
	public static int dispatchDue(ApplicationContext node) {
		return node.getBean(OutboxDispatcher.class).dispatchDue();
	}

	/** Takes back what dead senders had claimed (as the node's recovery job does); returns how many. */
	public static int recover(ApplicationContext node) {
		return node.getBean(OutboxDispatcher.class).recover();
	}

	/** A sender's lease on what it claimed. */
	public static Duration claimTimeout(ApplicationContext node) {
		return node.getBean(NotificationProperties.class).claimTimeout();
	}

}
