package org.sunshine.notification;

import java.time.Duration;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The notification module's sweeps as Quartz jobs: clustered on PostgreSQL, so each runs on one node at a
 * time however many nodes there are, and tests (with Quartz not started) run them by hand with a moved clock.
 */
@Configuration(proxyBeanMethods = false)
class SweepJobs {

	static final String GROUP = "sweeps";

	@DisallowConcurrentExecution
	static class ReminderSweepJob extends QuartzJobBean {

		private final Reminders reminders;

		private final Digests digests;

		ReminderSweepJob(Reminders reminders, Digests digests) {
			this.reminders = reminders;
			this.digests = digests;
		}

		@Override
		protected void executeInternal(JobExecutionContext context) {
			reminders.sendDue();
			digests.sendDue();
		}

	}

	@DisallowConcurrentExecution
	static class OutboxRecoveryJob extends QuartzJobBean {

		private final OutboxDispatcher dispatcher;

		OutboxRecoveryJob(OutboxDispatcher dispatcher) {
			this.dispatcher = dispatcher;
		}

		@Override
		protected void executeInternal(JobExecutionContext context) {
			dispatcher.recover();
		}

	}

	/** Deletes the words of messages sent longer ago than {@code sunshine.notification.body-retention}. */
	@DisallowConcurrentExecution
	static class BodyRetentionJob extends QuartzJobBean {

		private final Outbox outbox;

		private final NotificationProperties properties;

		private final java.time.Clock clock;

		BodyRetentionJob(Outbox outbox, NotificationProperties properties, java.time.Clock clock) {
			this.outbox = outbox;
			this.properties = properties;
			this.clock = clock;
		}

		@Override
		protected void executeInternal(JobExecutionContext context) {
			outbox.forgetBodies(clock.instant().minus(properties.bodyRetention()));
		}

	}

	@Bean
	JobDetail bodyRetention() {
		return JobBuilder.newJob(BodyRetentionJob.class).withIdentity("body-retention", GROUP).storeDurably().build();
	}

	@Bean
	Trigger bodyRetentionTrigger(JobDetail bodyRetention, NotificationProperties properties) {
		return every(bodyRetention, properties.retentionSweep());
	}

	/** Hands events whose listener failed (planning that hit a database error, say) to their listener again. */
	@DisallowConcurrentExecution
	static class EventResubmissionJob extends QuartzJobBean {

		private final IncompleteEventPublications incomplete;

		private final NotificationProperties properties;

		EventResubmissionJob(IncompleteEventPublications incomplete, NotificationProperties properties) {
			this.incomplete = incomplete;
			this.properties = properties;
		}

		@Override
		protected void executeInternal(JobExecutionContext context) {
			incomplete.resubmitIncompletePublicationsOlderThan(properties.recoverySweep().multipliedBy(2));
		}

	}

	@Bean
	JobDetail eventResubmission() {
		return JobBuilder.newJob(EventResubmissionJob.class).withIdentity("event-resubmission", GROUP).storeDurably()
			.build();
	}

	@Bean
	Trigger eventResubmissionTrigger(JobDetail eventResubmission, NotificationProperties properties) {
		return every(eventResubmission, properties.recoverySweep());
	}

	@Bean
	JobDetail reminderSweep() {
		return JobBuilder.newJob(ReminderSweepJob.class).withIdentity("reminders-and-digests", GROUP).storeDurably().build();
	}

	@Bean
	Trigger reminderSweepTrigger(JobDetail reminderSweep, NotificationProperties properties) {
		return every(reminderSweep, properties.reminderSweep());
	}

	@Bean
	JobDetail outboxRecovery() {
		return JobBuilder.newJob(OutboxRecoveryJob.class).withIdentity("outbox-recovery", GROUP).storeDurably().build();
	}

	@Bean
	Trigger outboxRecoveryTrigger(JobDetail outboxRecovery, NotificationProperties properties) {
		return every(outboxRecovery, properties.recoverySweep());
	}

	static Trigger every(JobDetail job, Duration interval) {
		return TriggerBuilder.newTrigger()
			.withIdentity(job.getKey().getName(), GROUP)
			.forJob(job)
			.withSchedule(SimpleScheduleBuilder.simpleSchedule()
				.withIntervalInMilliseconds(interval.toMillis())
				.repeatForever()
				.withMisfireHandlingInstructionNextWithRemainingCount())
			.build();
	}

}
