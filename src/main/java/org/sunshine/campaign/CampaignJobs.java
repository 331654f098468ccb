package org.sunshine.campaign;

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

/** Sends campaigns whose send time has come: a Quartz job, so one node at a time does it. */
@Configuration(proxyBeanMethods = false)
class CampaignJobs {

	@DisallowConcurrentExecution
	static class CampaignSendJob extends QuartzJobBean {

		private final Campaigns campaigns;

		CampaignSendJob(Campaigns campaigns) {
			this.campaigns = campaigns;
		}

		@Override
		protected void executeInternal(JobExecutionContext context) {
			campaigns.sendDue();
		}

	}

	@Bean
	JobDetail campaignSend() {
		return JobBuilder.newJob(CampaignSendJob.class).withIdentity("campaign-send", "sweeps").storeDurably().build();
	}

	@Bean
	Trigger campaignSendTrigger(JobDetail campaignSend, CampaignProperties properties) {
		return TriggerBuilder.newTrigger().forJob(campaignSend).withIdentity("campaign-send", "sweeps")
			.withSchedule(SimpleScheduleBuilder.simpleSchedule()
				.withIntervalInMilliseconds(properties.sendSweep().toMillis())
				.repeatForever()
				.withMisfireHandlingInstructionNextWithRemainingCount())
			.build();
	}

}
