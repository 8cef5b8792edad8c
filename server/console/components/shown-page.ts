import { useState } from 'react';

/**
 * The number of the page whose rows are on screen. While the next page loads, the list keeps the
 * rows it has (TanStack Query's keepPreviousData), so its caption keeps their page number too —
 * a caption saying "page 2" over page 1's rows would tell the reader, and a screen reader, wrong.
 *
 * @example
 * const shown = useShownPage(cursors.length, orders.isPlaceholderData);
 */
export function useShownPage(page: number, showingPrevious: boolean): number {
  const [shown, setShown] = useState(page);
  // Adjusted while rendering (React's pattern for state that follows a prop), not in an effect.
  if (!showingPrevious && shown !== page) setShown(page);
  return showingPrevious ? shown : page;
}
