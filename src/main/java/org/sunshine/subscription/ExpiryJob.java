package org.sunshine.subscription;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Deletes sign-ups never confirmed in time, and prunes the journal of interest changes: a clustered Quartz job,
 * so one node at a time does it.
 */
@DisallowConcurrentExecution
class ExpiryJob extends QuartzJobBean {

	private final Subscriptions subscriptions;

	ExpiryJob(Subscriptions subscriptions) {
		this.subscriptions = subscriptions;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		subscriptions.expireUnconfirmed();
		subscriptions.pruneInterestJournal();
	}

	@Configuration(proxyBeanMethods = false)
	static class Schedule {

		@Bean
		JobDetail unconfirmedExpiry() {
			return JobBuilder.newJob(ExpiryJob.class).withIdentity("unconfirmed-expiry", "sweeps").storeDurably().build();
		}

		@Bean
		Trigger unconfirmedExpiryTrigger(JobDetail unconfirmedExpiry, SubscriptionProperties properties) {
			return TriggerBuilder.newTrigger()
				.withIdentity("unconfirmed-expiry", "sweeps")
				.forJob(unconfirmedExpiry)
				.withSchedule(SimpleScheduleBuilder.simpleSchedule()
					.withIntervalInMilliseconds(properties.expirySweep().toMillis())
					.repeatForever()
					.withMisfireHandlingInstructionNextWithRemainingCount())
				.build();
		}

	}

}
