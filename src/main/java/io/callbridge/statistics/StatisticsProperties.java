package io.callbridge.statistics;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the statistics' read model is kept ({@code callbridge.statistics.*}).
 *
 * @param rebuildCheck how often one node looks for tenants whose call facts must be
 * rebuilt (calls that ended before statistics existed, a time zone changed)
 * @param rebuildBatchSize how many calls one batch of the rebuild goes through (one
 * transaction, holding the tenant's lock)
 * @param rebuildMaxRun how long one run of the rebuild works before it leaves the rest to
 * the next
 * @param rebuildBatchTime how long one batch of the rebuild works at most (it holds the
 * tenant's lock, which the writes of the tenant's ending calls wait for)
 */
@Validated
@ConfigurationProperties("callbridge.statistics")
public record StatisticsProperties(@NotNull @DefaultValue("1m") Duration rebuildCheck,
		@DefaultValue("500") int rebuildBatchSize, @NotNull @DefaultValue("30s") Duration rebuildMaxRun,
		@NotNull @DefaultValue("200ms") Duration rebuildBatchTime) {

	public StatisticsProperties {
		if (!rebuildCheck.isPositive() || !rebuildMaxRun.isPositive() || !rebuildBatchTime.isPositive()
				|| rebuildBatchSize < 1) {
			throw new IllegalArgumentException("callbridge.statistics.rebuild-check, rebuild-max-run, "
					+ "rebuild-batch-time and rebuild-batch-size must be positive");
		}
	}

}
