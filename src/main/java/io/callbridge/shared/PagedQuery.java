package io.callbridge.shared;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One paged list query: the rows of a page and the number of rows on all pages, read with
 * the same {@code FROM … WHERE …} so that the total always counts what the pages show.
 *
 * @param columns what to select, e.g. {@code c.*}
 * @param fromWhere the {@code FROM} and {@code WHERE} clauses without the keyword
 * {@code FROM}, e.g. {@code calls c WHERE tenant_id = :tenant}; parameters are named
 * @param orderBy the order of the rows; it must end with a unique column so that pages
 * neither repeat nor skip rows
 */
public record PagedQuery(String columns, String fromWhere, String orderBy) {

	/**
	 * Reads one page (after checking the page parameters, see
	 * {@link PageResult#validate}).
	 */
	public <T> PageResult<T> fetch(JdbcClient jdbc, Map<String, ?> params, int page, int size, RowMapper<T> rows) {
		PageResult.validate(page, size);
		long total = jdbc.sql("SELECT COUNT(*) FROM " + this.fromWhere).params(params).query(Long.class).single();
		List<T> items = jdbc
			.sql("SELECT " + this.columns + " FROM " + this.fromWhere + " ORDER BY " + this.orderBy
					+ " LIMIT :pageLimit OFFSET :pageOffset")
			.params(params)
			.param("pageLimit", size)
			.param("pageOffset", (long) page * size)
			.query(rows)
			.list();
		return new PageResult<>(items, page, size, total);
	}

}
