import { useQuery } from '@apollo/client/react';
import { graphql } from '@/__generated__';

export const CategoriesQuery = graphql(`
  query OrganizerCategories {
    categories {
      id
      name
      slug
    }
  }
`);

export function useCategories() {
  return useQuery(CategoriesQuery);
}
