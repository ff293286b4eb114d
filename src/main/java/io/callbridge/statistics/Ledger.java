package io.callbridge.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.callbridge.calls.application.DispositionService.OutcomeLabel;
import io.callbridge.statistics.CallFactQueries.LedgerCell;
import io.callbridge.statistics.Dashboard.AgentRow;
import io.callbridge.statistics.Dashboard.CostRow;
import io.callbridge.statistics.Dashboard.Money;
import io.callbridge.statistics.Dashboard.OutcomeRow;
import org.jspecify.annotations.Nullable;

/**
 * The calls of a period per agent, outcome and money (the ledger), folded into the agents
 * table, the outcomes and the providers' costs. A currency the database left empty is
 * shown as an empty code rather than the amount being dropped.
 */
final class Ledger {

	private static final Comparator<Map.Entry<String, Long>> MOST_CALLS_FIRST = Map.Entry
		.<String, Long>comparingByValue()
		.reversed()
		.thenComparing(Map.Entry.comparingByKey());

	private final List<LedgerCell> cells;

	Ledger(List<LedgerCell> cells) {
		this.cells = cells;
	}

	/** The agents who had calls (without the {@code null} of calls nobody had). */
	Set<Long> agentIds() {
		return this.cells.stream().map(LedgerCell::agentId).filter(Objects::nonNull).collect(Collectors.toSet());
	}

	/**
	 * One row per agent, most calls first (then by id, calls nobody had last among
	 * equals).
	 * @param names display names by agent id; an agent since deleted has none and shows
	 * an empty name
	 */
	List<AgentRow> agents(Map<Long, String> names) {
		Map<@Nullable Long, List<LedgerCell>> byAgent = new HashMap<>();
		for (LedgerCell cell : this.cells) {
			byAgent.computeIfAbsent(cell.agentId(), (id) -> new ArrayList<>()).add(cell);
		}
		List<AgentRow> rows = new ArrayList<>();
		byAgent.forEach((agentId, cells) -> rows
			.add(agentRow(agentId, (agentId != null) ? names.getOrDefault(agentId, "") : "", cells)));
		rows.sort(Comparator.comparingLong(AgentRow::calls)
			.reversed()
			.thenComparing(AgentRow::agentId, Comparator.nullsLast(Comparator.naturalOrder())));
		return rows;
	}

	/**
	 * One row per outcome used, most calls first (then by code).
	 * @param labels the tenant's outcomes; an outcome no longer in the list shows its
	 * code
	 */
	List<OutcomeRow> outcomes(List<OutcomeLabel> labels) {
		Map<String, OutcomeLabel> byCode = labels.stream()
			.collect(Collectors.toMap(OutcomeLabel::code, (label) -> label, (a, b) -> a));
		Map<String, List<LedgerCell>> byOutcome = new HashMap<>();
		for (LedgerCell cell : this.cells) {
			if (cell.outcome() != null) {
				byOutcome.computeIfAbsent(cell.outcome(), (code) -> new ArrayList<>()).add(cell);
			}
		}
		List<OutcomeRow> rows = new ArrayList<>();
		byOutcome.forEach((code, cells) -> {
			OutcomeLabel label = byCode.getOrDefault(code, new OutcomeLabel(code, code, null));
			rows.add(new OutcomeRow(code, label.label(), label.labelKey(), calls(cells), charges(cells)));
		});
		rows.sort(Comparator.comparingLong(OutcomeRow::calls).reversed().thenComparing(OutcomeRow::code));
		return rows;
	}

	/** The providers' costs per provider and currency, in that order. */
	List<CostRow> costs() {
		Map<CostKey, CostRow> rows = new TreeMap<>(
				Comparator.comparing(CostKey::provider).thenComparing(CostKey::currency));
		for (LedgerCell cell : this.cells) {
			BigDecimal cost = cell.cost();
			if (cell.costed() > 0 && cost != null) {
				CostKey key = new CostKey(cell.provider(), Objects.toString(cell.currency(), ""));
				rows.merge(key, new CostRow(key.provider(), key.currency(), cell.costed(), cost),
						(a, b) -> new CostRow(a.provider(), a.currency(), a.calls() + b.calls(),
								a.amount().add(b.amount())));
			}
		}
		return rows.values()
			.stream()
			.map((row) -> new CostRow(row.provider(), row.currency(), row.calls(),
					row.amount().setScale(4, RoundingMode.HALF_UP)))
			.toList();
	}

	private record CostKey(String provider, String currency) {
	}

	private static AgentRow agentRow(@Nullable Long agentId, String name, List<LedgerCell> cells) {
		long answered = cells.stream().mapToLong(LedgerCell::answered).sum();
		long talk = cells.stream().mapToLong(LedgerCell::talkSeconds).sum();
		Map<String, Long> outcomes = new HashMap<>();
		for (LedgerCell cell : cells) {
			if (cell.outcome() != null) {
				outcomes.merge(cell.outcome(), cell.calls(), Long::sum);
			}
		}
		Map<String, Long> ordered = new LinkedHashMap<>();
		outcomes.entrySet()
			.stream()
			.sorted(MOST_CALLS_FIRST)
			.forEach((entry) -> ordered.put(entry.getKey(), entry.getValue()));
		return new AgentRow(agentId, name, calls(cells), answered, talk, ordered, charges(cells));
	}

	private static long calls(List<LedgerCell> cells) {
		return cells.stream().mapToLong(LedgerCell::calls).sum();
	}

	// Charges per currency, by currency code.
	private static List<Money> charges(List<LedgerCell> cells) {
		Map<String, BigDecimal> totals = new TreeMap<>();
		for (LedgerCell cell : cells) {
			if (cell.charges() != null) {
				totals.merge(Objects.toString(cell.chargeCurrency(), ""), cell.charges(), BigDecimal::add);
			}
		}
		return totals.entrySet()
			.stream()
			.map((entry) -> new Money(entry.getKey(), entry.getValue().setScale(2, RoundingMode.HALF_UP)))
			.toList();
	}

}
