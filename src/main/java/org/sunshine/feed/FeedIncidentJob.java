package org.sunshine.feed;

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

/** The feed-incident sweep as a clustered Quartz job, every {@code sunshine.feed.alert-sweep}. */
@Configuration(proxyBeanMethods = false)
class FeedIncidentJob {

	@DisallowConcurrentExecution
	static class Sweep extends QuartzJobBean {

		private final FeedIncidents incidents;

		Sweep(FeedIncidents incidents) {
			this.incidents = incidents;
		}

		@Override
		protected void executeInternal(JobExecutionContext context) {
			incidents.check();
		}

	}

	@Bean
	JobDetail feedIncidentSweep() {
		return JobBuilder.newJob(Sweep.class).withIdentity("feed-incidents", "sweeps").storeDurably().build();
	}

	@Bean
	Trigger feedIncidentSweepTrigger(JobDetail feedIncidentSweep, FeedProperties properties) {
		return TriggerBuilder.newTrigger()
			.withIdentity("feed-incidents", "sweeps")
			.forJob(feedIncidentSweep)
			.withSchedule(SimpleScheduleBuilder.simpleSchedule()
				.withIntervalInMilliseconds(properties.feed().alertSweep().toMillis())
				.repeatForever()
				.withMisfireHandlingInstructionNextWithRemainingCount())
			.build();
	}

}
