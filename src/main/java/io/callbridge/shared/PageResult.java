package io.callbridge.shared;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list.
 *
 * @param items the rows of this page
 * @param page the zero-based page number
 * @param size the page size asked for
 * @param total the number of rows on all pages
 * @param <T> the row type
 */
public record PageResult<T>(List<T> items, int page, int size, long total) {

	public int totalPages() {
		return (this.size == 0) ? 0 : (int) ((this.total + this.size - 1) / this.size);
	}

	public boolean hasNext() {
		return this.page + 1 < totalPages();
	}

	public boolean hasPrevious() {
		return this.page > 0;
	}

	public <R> PageResult<R> map(Function<T, R> mapper) {
		return new PageResult<>(this.items.stream().map(mapper).toList(), this.page, this.size, this.total);
	}

	/** Checks the page parameters of a request. */
	public static void validate(int page, int size) {
		if (page < 0) {
			throw new Problems.InvalidInput("page", Text.of("page.badPage"));
		}
		if (size < 1 || size > 500) {
			throw new Problems.InvalidInput("size", Text.of("page.badSize", "500"));
		}
	}

}
