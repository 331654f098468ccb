package org.sunshine.document;

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

/** The document sweep as a clustered Quartz job: one node at a time reads documents; tests run it by hand. */
@Configuration(proxyBeanMethods = false)
class DocumentJobs {

	@DisallowConcurrentExecution
	static class DocumentSweepJob extends QuartzJobBean {

		private final DocumentSweep sweep;

		DocumentSweepJob(DocumentSweep sweep) {
			this.sweep = sweep;
		}

		@Override
		protected void executeInternal(JobExecutionContext context) {
			sweep.sweep();
		}

	}

	@Bean
	JobDetail documentSweepJobDetail() {
		return JobBuilder.newJob(DocumentSweepJob.class).withIdentity("documents", "sweeps").storeDurably().build();
	}

	@Bean
	Trigger documentSweepTrigger(JobDetail documentSweepJobDetail, DocumentProperties properties) {
		return TriggerBuilder.newTrigger()
			.withIdentity("documents", "sweeps")
			.forJob(documentSweepJobDetail)
			.withSchedule(SimpleScheduleBuilder.simpleSchedule()
				.withIntervalInMilliseconds(properties.sweepInterval().toMillis())
				.repeatForever()
				.withMisfireHandlingInstructionNextWithRemainingCount())
			.build();
	}

}
