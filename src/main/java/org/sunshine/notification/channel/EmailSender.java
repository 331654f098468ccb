package org.sunshine.notification.channel;

/** Hands an email to a transport: SMTP when configured, else .eml files in the outbox directory. */
public interface EmailSender {

	/** A one-line description for the start-up log ("SMTP smtp.example.org:587", "files in data/outbox/email"). */
	String describe();

	SendResult send(OutgoingEmail email);

	/** For health checks: throws, saying why, when the transport cannot take a message now. */
	default void check() throws Exception {
	}

}
