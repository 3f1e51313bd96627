import { Code, Spoiler, Table, Text } from '@mantine/core';
import { templateVariables } from '../../../domain/contract-text';

/** The variables a clause may use, with what each is filled with. */
export function VariableHelp() {
  return (
    <Spoiler maxHeight={0} showLabel="Show the variables" hideLabel="Hide the variables">
      <Text size="sm" c="dimmed" mb="xs">
        Only plain variables: no sections, partials or triple braces. A variable without a value
        stops the agreement with its name, never a blank.
      </Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Variable</Table.Th>
            <Table.Th>Filled with</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {Object.entries(templateVariables).map(([name, description]) => (
            <Table.Tr key={name}>
              <Table.Td>
                <Code>{`{{${name}}}`}</Code>
              </Table.Td>
              <Table.Td>{description}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Spoiler>
  );
}
