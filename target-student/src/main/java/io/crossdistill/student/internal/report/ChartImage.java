package io.crossdistill.student.internal.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.Base64;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * The house look of the report's charts (size, fonts, legend below the plot) and their encoding as
 * {@code data:image/png;base64,...} so that the report needs no file besides itself.
 *
 * @param title the chart's title
 * @param alt the image's alternative text
 * @param dataUri the PNG as a data URI
 */
record ChartImage(String title, String alt, String dataUri) {

  static final int WIDTH = 600;
  static final int HEIGHT = 400;

  static XYChart xyChart(String title, String xAxis, String yAxis) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xAxis)
        .yAxisTitle(yAxis).build();
    style(chart.getStyler());
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    chart.getStyler().setMarkerSize(7);
    return chart;
  }

  static void style(Styler styler) {
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    styler.setLegendBorderColor(Color.WHITE);
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    styler.setChartTitleBoxBackgroundColor(Color.WHITE);
    styler.setChartTitleBoxBorderColor(Color.WHITE);
    styler.setPlotBorderVisible(false);
  }

  static ChartImage encode(Chart<?, ?> chart, String alt) throws IOException {
    byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
    return new ChartImage(chart.getTitle(), alt, "data:image/png;base64," + Base64.getEncoder().encodeToString(png));
  }
}
