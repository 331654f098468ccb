package org.sunshine.feed;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ScheduleBuilder;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.sunshine.feed.catalogue.FeedDefinition;

/** Keeps one Quartz job per catalogued feed, with the feed's interval or cron, and none for removed feeds. */
@Component
class FeedScheduler {

	static final String GROUP = "feeds";

	private static final Logger log = LoggerFactory.getLogger(FeedScheduler.class);

	private final Scheduler scheduler;

	private final FeedStatusRepository statuses;

	FeedScheduler(Scheduler scheduler, FeedStatusRepository statuses) {
		this.scheduler = scheduler;
		this.statuses = statuses;
	}

	synchronized void sync(List<FeedDefinition> feeds) {
		try {
			Set<String> wanted = feeds.stream().map(FeedDefinition::id).collect(Collectors.toSet());
			for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
				if (!wanted.contains(key.getName())) {
					scheduler.deleteJob(key);
					log.info("Feed {} unscheduled", key.getName());
				}
			}
			for (FeedDefinition feed : feeds) {
				statuses.ensure(feed.id());
				schedule(feed);
			}
		}
		catch (SchedulerException e) {
			throw new IllegalStateException("Could not schedule feeds: " + e.getMessage(), e);
		}
	}

	private void schedule(FeedDefinition feed) throws SchedulerException {
		JobDetail job = JobBuilder.newJob(FeedPollJob.class)
			.withIdentity(feed.id(), GROUP)
			.usingJobData(FeedPollJob.FEED_ID, feed.id())
			.storeDurably()
			.build();
		Trigger trigger = TriggerBuilder.newTrigger()
			.withIdentity(TriggerKey.triggerKey(feed.id(), GROUP))
			.forJob(job)
			.withSchedule(scheduleOf(feed))
			.startNow()
			.build();
		Trigger existing = scheduler.getTrigger(trigger.getKey());
		if (existing != null && sameSchedule(existing, feed)) {
			return;
		}
		scheduler.scheduleJob(job, Set.of(trigger), true);
		log.info("Feed {} scheduled {}", feed.id(), describe(feed));
	}

	private static ScheduleBuilder<? extends Trigger> scheduleOf(FeedDefinition feed) {
		if (feed.cron() != null) {
			return CronScheduleBuilder.cronSchedule(feed.cron()).inTimeZone(java.util.TimeZone.getTimeZone(feed.timezone()))
				.withMisfireHandlingInstructionDoNothing();
		}
		// A poller should not catch up on runs it missed while down: the next poll sees everything anyway.
		return SimpleScheduleBuilder.simpleSchedule()
			.withIntervalInMilliseconds(feed.every().toMillis())
			.repeatForever()
			.withMisfireHandlingInstructionNextWithRemainingCount();
	}

	private static boolean sameSchedule(Trigger existing, FeedDefinition feed) {
		if (existing instanceof org.quartz.CronTrigger cron) {
			return cron.getCronExpression().equals(feed.cron());
		}
		if (existing instanceof org.quartz.SimpleTrigger simple) {
			return feed.every() != null && simple.getRepeatInterval() == feed.every().toMillis();
		}
		return false;
	}

	static String describe(FeedDefinition feed) {
		return feed.cron() != null ? "cron " + feed.cron() : "every " + feed.every();
	}

}
