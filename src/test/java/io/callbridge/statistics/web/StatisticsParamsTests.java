package io.callbridge.statistics.web;

import java.time.LocalDate;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.statistics.StatisticsFilter;
import io.callbridge.telephony.CallDirection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * How the statistics parameters are read: the presets end on the tenant's today, custom
 * days are checked, and every unreadable parameter is named in one refusal.
 */
class StatisticsParamsTests {

	private static final LocalDate TODAY = LocalDate.of(2025, 3, 10);

	@Test
	void defaultsToTheLastSevenDaysIncludingToday() {
		StatisticsQuery query = StatisticsParams.none().toQuery(TODAY);

		assertThat(query.period()).isEqualTo(StatisticsPeriod.LAST_7_DAYS);
		assertThat(query.filter())
			.isEqualTo(new StatisticsFilter(LocalDate.of(2025, 3, 4), TODAY, null, null, null, null));
	}

	@Test
	void presetsEndToday() {
		assertThat(params("today", null, null).toQuery(TODAY).filter().from()).isEqualTo(TODAY);
		assertThat(params("30d", null, null).toQuery(TODAY).filter().from()).isEqualTo(LocalDate.of(2025, 2, 9));
		assertThat(params(" 7D ", null, null).toQuery(TODAY).filter().to()).isEqualTo(TODAY);
	}

	@Test
	void aPresetIgnoresTheDaysThePageAlsoSends() {
		StatisticsFilter filter = params("today", "2024-01-01", "2024-01-31").toQuery(TODAY).filter();

		assertThat(filter.from()).isEqualTo(TODAY);
		assertThat(filter.to()).isEqualTo(TODAY);
	}

	@Test
	void daysWithoutAPeriodAreACustomPeriod() {
		StatisticsQuery query = params(null, "2024-12-30", "2025-01-02").toQuery(TODAY);

		assertThat(query.period()).isEqualTo(StatisticsPeriod.CUSTOM);
		assertThat(query.filter().from()).isEqualTo(LocalDate.of(2024, 12, 30));
		assertThat(query.filter().to()).isEqualTo(LocalDate.of(2025, 1, 2));
	}

	@Test
	void readsTheFilters() {
		StatisticsFilter filter = new StatisticsParams("custom", "2025-01-01", "2025-01-01", "4", " 5 ", "6",
				"outbound")
			.toQuery(TODAY)
			.filter();

		assertThat(filter).isEqualTo(new StatisticsFilter(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 1), 4L, 5L,
				6L, CallDirection.OUTBOUND));
	}

	@Test
	void aCustomPeriodMayLastAYearOfDaysButNoMore() {
		assertThat(params("custom", "2024-01-01", "2024-12-31").toQuery(TODAY).filter().to())
			.isEqualTo(LocalDate.of(2024, 12, 31));
		assertThat(params("custom", "2023-01-01", "2024-01-01").toQuery(TODAY).filter().to())
			.isEqualTo(LocalDate.of(2024, 1, 1));

		assertThat(errors(params("custom", "2023-01-01", "2024-01-02"))).extracting(FieldError::field)
			.containsExactly("to");
	}

	@Test
	void refusesAPeriodEndingBeforeItStarts() {
		assertThat(errors(params("custom", "2025-01-02", "2025-01-01"))).singleElement()
			.satisfies((error) -> assertThat(error.field()).isEqualTo("to"))
			.satisfies((error) -> assertThat(error.message()).contains("before"));
	}

	@Test
	void aCustomPeriodNeedsBothDays() {
		assertThat(errors(params("custom", null, " "))).extracting(FieldError::field).containsExactly("from", "to");
	}

	@Test
	void namesEveryUnreadableParameterAtOnce() {
		StatisticsParams params = new StatisticsParams("week", null, null, "x", "-3", "1.5", "INTERNAL");

		assertThat(errors(params)).extracting(FieldError::field)
			.containsExactly("period", "accountId", "agentId", "campaignId", "direction");
		assertThat(errors(new StatisticsParams("custom", "2025-13-01", "01/02/2025", null, null, null, null)))
			.extracting(FieldError::field)
			.containsExactly("from", "to");
	}

	private static StatisticsParams params(String period, String from, String to) {
		return new StatisticsParams(period, from, to, null, null, null, null);
	}

	private static java.util.List<FieldError> errors(StatisticsParams params) {
		Problems.InvalidInput invalid = catchThrowableOfType(Problems.InvalidInput.class, () -> params.toQuery(TODAY));
		assertThat(invalid).as("refused").isNotNull();
		return invalid.errors();
	}

}
