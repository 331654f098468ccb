package org.sunshine.notification.channel.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;
import org.sunshine.notification.channel.SendResult;

import static org.assertj.core.api.Assertions.assertThat;

/** GreenMail accepts every recipient, so a few lines of scripted SMTP stand in for a refusing server. */
class SmtpRefusalTest {

	@Test
	void aRecipientRefusedWith550IsRejectedWithoutQuotingTheAddress() throws Exception {
		SendResult result = sendThrough("550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown");

		assertThat(result).isInstanceOfSatisfying(SendResult.Rejected.class, rejected -> {
			assertThat(rejected.code()).isEqualTo("550");
			assertThat(rejected.reason()).contains("User unknown").doesNotContain("gone@example.org");
		});
	}

	@Test
	void aTemporaryRefusalMeansRetryLater() throws Exception {
		SendResult result = sendThrough("451 4.7.1 Greylisted, try again later");

		assertThat(result).isInstanceOfSatisfying(SendResult.RetryLater.class,
				retry -> assertThat(retry.reason()).contains("Greylisted"));
	}

	@Test
	void mapsSpringsWrappingOfAngusExceptions() throws Exception {
		InternetAddress address = new InternetAddress("gone@example.org");
		SMTPAddressFailedException refused = new SMTPAddressFailedException(address, "RCPT TO:<gone@example.org>", 553,
				"553 5.1.3 mailbox name not allowed");
		SendFailedException invalid = new SendFailedException("Invalid Addresses", refused, new Address[0],
				new Address[0], new Address[] { address });

		assertThat(SmtpEmailSender.classify(new MailSendException(Map.of(new Object(), invalid))))
			.isEqualTo(new SendResult.Rejected("553", "553 5.1.3 mailbox name not allowed"));
		assertThat(SmtpEmailSender.classify(new MailAuthenticationException("535 bad credentials")))
			.isInstanceOf(SendResult.RetryLater.class);
	}

	private static SendResult sendThrough(String rcptReply) throws Exception {
		try (ServerSocket server = new ServerSocket(0)) {
			Thread smtp = new Thread(() -> converse(server, rcptReply));
			smtp.start();
			SendResult result;
			try (SmtpEmailSender sender = new SmtpEmailSender(SmtpEmailSenderTest.mailSender(server.getLocalPort()),
					SmtpEmailSenderTest.settings(1, 100), Clock.systemUTC())) {
				result = sender.send(Emails.alert("alert:1", "gone@example.org"));
			}
			smtp.join(5000);
			return result;
		}
	}

	private static void converse(ServerSocket server, String rcptReply) {
		try (Socket socket = server.accept();
				BufferedReader in = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
				PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.US_ASCII)) {
			out.print("220 scripted ESMTP\r\n");
			out.flush();
			String line;
			while ((line = in.readLine()) != null) {
				String command = line.length() < 4 ? line : line.substring(0, 4).toUpperCase();
				String reply = switch (command) {
					case "EHLO", "HELO", "MAIL", "RSET", "NOOP" -> "250 OK";
					case "RCPT" -> rcptReply;
					case "QUIT" -> "221 Bye";
					default -> "502 Not implemented";
				};
				out.print(reply + "\r\n");
				out.flush();
				if (command.equals("QUIT")) {
					return;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
