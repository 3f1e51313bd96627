import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components, operations } from '../../api/schema';
import type { PortfolioSearch } from './dashboard-search';

export type PortfolioDashboard = components['schemas']['PortfolioDashboard'];
export type DashboardLink = components['schemas']['DashboardLink'];
type PortfolioQuery = NonNullable<operations['getPortfolioDashboard']['parameters']['query']>;

export const portfolioQuery = (search: PortfolioSearch) =>
  queryOptions({
    queryKey: ['portfolio-dashboard', search],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/dashboard/portfolio', {
          // Filter values come from the URL as they are; the server answers 400 to an unknown one.
          params: { query: search as PortfolioQuery },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
