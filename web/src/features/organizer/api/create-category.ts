import { useMutation } from '@apollo/client/react';
import { graphql } from '@/__generated__';
import { CategoriesQuery } from './categories';

const CreateCategoryMutation = graphql(`
  mutation OrganizerCreateCategory($input: CreateCategoryInput!) {
    createCategory(input: $input) {
      id
      name
      slug
    }
  }
`);

/** Adds a category and reloads the list, so the event form can choose it at once. */
export function useCreateCategory() {
  return useMutation(CreateCategoryMutation, { refetchQueries: [CategoriesQuery], awaitRefetchQueries: true });
}
