package org.sunshine.feed;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** The Quartz job of one feed (one JobDetail per feed, so feeds never block each other). */
@DisallowConcurrentExecution
class FeedPollJob extends QuartzJobBean {

	static final String FEED_ID = "feedId";

	private final FeedPoller poller;

	FeedPollJob(FeedPoller poller) {
		this.poller = poller;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		String feedId = context.getMergedJobDataMap().getString(FEED_ID);
		try {
			poller.poll(feedId);
		}
		catch (RuntimeException e) {
			// The feed left the catalogue after this run was fired; the scheduler drops its job on sync.
			LoggerFactory.getLogger(FeedPollJob.class).warn("Feed {} not polled: {}", feedId, e.getMessage());
		}
	}

}
