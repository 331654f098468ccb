package org.sunshine.notification.channel;

/** Hands an SMS to a transport: Twilio when configured, else .json files in the outbox directory. */
public interface SmsSender {

	/** A one-line description for the start-up log. */
	String describe();

	SendResult send(OutgoingSms sms);

}
