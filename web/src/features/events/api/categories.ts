import { useQuery } from '@apollo/client/react';
import { graphql } from '@/__generated__';

const CategoriesQuery = graphql(`
  query Categories {
    categories {
      id
      name
    }
  }
`);

export function useCategories() {
  const { data } = useQuery(CategoriesQuery);
  return data?.categories ?? [];
}
